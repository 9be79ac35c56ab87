/*
 * stats_sink - sink that counts elements and payload bytes and logs the totals when the stream completes.
 *
 * It reads only buffer_size (metadata), so consuming costs no copy. Returning TORVYN_READY accepts the element;
 * a sink that needs to slow its producers down returns TORVYN_PAUSE instead and backpressure builds upstream.
 */
#include "torvyn.h"

static uint64_t elements;
static uint64_t bytes;

int32_t torvyn_push(torvyn_handle in) {
    const int64_t size = torvyn_buffer_size(in);
    if (size < 0) {
        return (int32_t)size;
    }
    elements++;
    bytes += (uint64_t)size;
    return TORVYN_READY;
}

int32_t torvyn_complete(void) {
    char line[80];
    torvyn_memcpy(line, "received ", 9);
    int32_t len = 9;
    len += torvyn_u64_to_dec(elements, line + len);
    torvyn_memcpy(line + len, " elements, ", 11);
    len += 11;
    len += torvyn_u64_to_dec(bytes, line + len);
    torvyn_memcpy(line + len, " bytes", 6);
    len += 6;
    torvyn_log(TORVYN_LOG_INFO, line, len);
    return 0;
}
