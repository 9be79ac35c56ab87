/*
 * redact - processor that replaces the string value of one JSON field with "***" in every JSON line.
 *
 * Config: {"field":"email"} (the default field is "email"). Every occurrence of "field": "..." in the payload is
 * rewritten, so an element holding several NDJSON lines is redacted line by line. An element without the field is
 * forwarded unchanged (its input handle is returned): it costs the read copy but no write copy and no allocation.
 */
#include "torvyn.h"

#define MAX_CONTENT_TYPE 127

static const char *needle;   /* "field" with its quotes */
static int32_t needle_len;

int32_t torvyn_init(void) {
    const char *config = "";
    const int32_t config_len = torvyn_config_read(&config);
    if (config_len < 0) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "redact: cannot read config");
    }
    const char *field = "email";
    int32_t field_len = 5;
    if (config_len > 0 && !torvyn_json_string(config, config_len, "field", &field, &field_len)) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "redact: config needs {\"field\":\"NAME\"}");
    }
    char *quoted = (char *)torvyn_alloc_persistent((size_t)field_len + 2);
    if (!quoted) {
        return TORVYN_ERR_FATAL;
    }
    quoted[0] = '"';
    torvyn_memcpy(quoted + 1, field, (size_t)field_len);
    quoted[field_len + 1] = '"';
    needle = quoted;
    needle_len = field_len + 2;
    return 0;
}

static int is_space(const uint8_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Position of the opening quote of the string value after the key ending at `from`, or -1. */
static int32_t value_start(const uint8_t *text, int32_t len, int32_t from) {
    int32_t i = from;
    while (i < len && is_space(text[i])) {
        i++;
    }
    if (i >= len || text[i] != ':') {
        return -1;
    }
    i++;
    while (i < len && is_space(text[i])) {
        i++;
    }
    return i < len && text[i] == '"' ? i : -1;
}

/* Position of the closing quote of the string opening at `open`, or -1 when unterminated. */
static int32_t value_end(const uint8_t *text, int32_t len, int32_t open) {
    int32_t i = open + 1;
    while (i < len && text[i] != '"') {
        i += text[i] == '\\' ? 2 : 1;
    }
    return i < len ? i : -1;
}

int32_t torvyn_process(torvyn_handle in) {
    torvyn_scratch_reset();
    uint8_t *text;
    const int32_t len = torvyn_read_all(in, &text);
    if (len < 0) {
        return len;
    }
    uint8_t *out = 0;
    int32_t out_len = 0;
    int32_t copied = 0; /* text[0, copied) is already in out */
    int32_t at = 0;
    for (;;) {
        const int32_t hit = torvyn_find(text + at, len - at, needle, needle_len);
        if (hit < 0) {
            break;
        }
        const int32_t key_end = at + hit + needle_len;
        const int32_t open = value_start(text, len, key_end);
        const int32_t close = open < 0 ? -1 : value_end(text, len, open);
        if (close < 0) {
            at = key_end;
            continue;
        }
        if (!out) {
            /* each hit takes at least needle_len + 3 input bytes (key, ':', "") and grows by at most 3 ("" -> "***") */
            out = (uint8_t *)torvyn_alloc((size_t)len + 3 * (size_t)(len / (needle_len + 3) + 1));
            if (!out) {
                return TORVYN_ERR_INTERNAL;
            }
        }
        torvyn_memcpy(out + out_len, text + copied, (size_t)(open + 1 - copied));
        out_len += open + 1 - copied;
        torvyn_memcpy(out + out_len, "***", 3);
        out_len += 3;
        copied = close;
        at = close + 1;
    }
    if (!out) {
        return in;
    }
    torvyn_memcpy(out + out_len, text + copied, (size_t)(len - copied));
    out_len += len - copied;
    const torvyn_handle result = torvyn_buffer_from(out, out_len);
    if (result < 0) {
        return result;
    }
    char content_type[MAX_CONTENT_TYPE];
    const int32_t ct_len = torvyn_buffer_content_type(in, content_type, MAX_CONTENT_TYPE);
    if (ct_len > 0 && ct_len <= MAX_CONTENT_TYPE) {
        torvyn_buffer_set_content_type(result, content_type, ct_len);
    }
    return result;
}
