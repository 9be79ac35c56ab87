/*
 * counter - aggregator that counts elements and emits the count as decimal text ("42") when flushed.
 *
 * Ingest drops every input (they are only counted, so no payload is read). The host flushes at end of stream and,
 * with flush_every = N on the node, every N elements; each flush emits the count since the previous one. A stream
 * with no elements still yields one "0", so a downstream sink always learns the total.
 */
#include "torvyn.h"

static uint64_t count;
static int emitted;

int32_t torvyn_ingest(torvyn_handle in) {
    (void)in;
    count++;
    return TORVYN_DROP;
}

int32_t torvyn_flush(void) {
    if (count == 0 && emitted) {
        return 0;
    }
    char digits[20];
    const int32_t len = torvyn_u64_to_dec(count, digits);
    const torvyn_handle out = torvyn_buffer_from(digits, len);
    if (out < 0) {
        return out;
    }
    torvyn_buffer_set_content_type(out, "text/plain", 10);
    const int32_t rc = torvyn_emit(out, TORVYN_DEFAULT_PORT);
    if (rc != 0) {
        torvyn_buffer_release(out);
        return rc;
    }
    count = 0;
    emitted = 1;
    return 1;
}
