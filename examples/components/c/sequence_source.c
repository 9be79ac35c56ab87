/*
 * sequence_source - source that emits "element 0", "element 1", ... then ends the stream.
 *
 * Config: {"count":10,"prefix":"element"} (the defaults). Each pull allocates a buffer, writes the text (the
 * write copy), labels it text/plain and returns the handle; after count elements it returns
 * TORVYN_END_OF_STREAM, which lets the flow drain and finish on its own.
 */
#include "torvyn.h"

static uint64_t count = 10;
static const char *prefix = "element";
static int32_t prefix_len = 7;
static uint64_t next;

int32_t torvyn_init(void) {
    const char *config;
    const int32_t len = torvyn_config_read(&config);
    if (len < 0) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "sequence_source: cannot read config");
    }
    if (len > 0) {
        torvyn_json_u64(config, len, "count", &count);
        torvyn_json_string(config, len, "prefix", &prefix, &prefix_len);
    }
    return 0;
}

int32_t torvyn_pull(void) {
    if (next >= count) {
        return TORVYN_END_OF_STREAM;
    }
    torvyn_scratch_reset();
    char *text = (char *)torvyn_alloc((size_t)prefix_len + 21);
    if (!text) {
        return TORVYN_ERR_INTERNAL;
    }
    torvyn_memcpy(text, prefix, (size_t)prefix_len);
    text[prefix_len] = ' ';
    const int32_t len = prefix_len + 1 + torvyn_u64_to_dec(next, text + prefix_len + 1);
    const torvyn_handle out = torvyn_buffer_from(text, len);
    if (out < 0) {
        return out;
    }
    torvyn_buffer_set_content_type(out, "text/plain", 10);
    next++;
    return out;
}
