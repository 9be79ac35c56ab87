/*
 * size_filter - filter that passes elements of at most max_bytes and drops larger ones.
 *
 * Config: {"max_bytes":1024} (the default). The decision needs only buffer_size, which is metadata: the payload
 * never enters Wasm memory and the filter costs zero copies. Exporting torvyn_metadata_only says so to the host.
 */
#include "torvyn.h"

static uint64_t max_bytes = 1024;

TORVYN_DECLARE_METADATA_ONLY()

int32_t torvyn_init(void) {
    const char *config;
    const int32_t len = torvyn_config_read(&config);
    if (len < 0) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "size_filter: cannot read config");
    }
    if (len > 0 && !torvyn_json_u64(config, len, "max_bytes", &max_bytes)) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "size_filter: config needs {\"max_bytes\":N}");
    }
    return 0;
}

int32_t torvyn_evaluate(torvyn_handle in) {
    const int64_t size = torvyn_buffer_size(in);
    if (size < 0) {
        return (int32_t)size;
    }
    return (uint64_t)size <= max_bytes ? TORVYN_PASS : TORVYN_DROP;
}
