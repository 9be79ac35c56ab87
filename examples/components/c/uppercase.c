/*
 * uppercase - processor that upper-cases ASCII letters (other bytes pass through, so UTF-8 stays valid).
 *
 * The general shape of a transform: read the payload (the read copy), change it in scratch memory, allocate an
 * output buffer and write it (the write copy), keep the input's content type, return the new handle. The input is
 * borrowed and is released by the host after the call.
 */
#include "torvyn.h"

#define MAX_CONTENT_TYPE 127

int32_t torvyn_process(torvyn_handle in) {
    torvyn_scratch_reset();
    uint8_t *text;
    const int32_t len = torvyn_read_all(in, &text);
    if (len < 0) {
        return len;
    }
    for (int32_t i = 0; i < len; i++) {
        text[i] = torvyn_ascii_upper(text[i]);
    }
    const torvyn_handle out = torvyn_buffer_from(text, len);
    if (out < 0) {
        return out;
    }
    char content_type[MAX_CONTENT_TYPE];
    const int32_t ct_len = torvyn_buffer_content_type(in, content_type, MAX_CONTENT_TYPE);
    if (ct_len > 0 && ct_len <= MAX_CONTENT_TYPE) {
        torvyn_buffer_set_content_type(out, content_type, ct_len);
    }
    return out;
}
