/*
 * batch_size_filter - size_filter over the batch ABI: passes elements of at most max_bytes.
 *
 * Config: {"max_bytes":1024} (the default). It declares torvyn_metadata_only, so the host stages no payloads
 * (payload == 0) and counts no copies: a whole batch is decided from the descriptors alone in one call.
 */
#include "torvyn.h"

static uint64_t max_bytes = 1024;

TORVYN_DECLARE_METADATA_ONLY()
TORVYN_STANDARD_BATCH_AREA()

int32_t torvyn_init(void) {
    const char *config;
    const int32_t len = torvyn_config_read(&config);
    if (len < 0) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "batch_size_filter: cannot read config");
    }
    if (len > 0 && !torvyn_json_u64(config, len, "max_bytes", &max_bytes)) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "batch_size_filter: config needs {\"max_bytes\":N}");
    }
    return 0;
}

int32_t torvyn_evaluate_batch(int32_t n) {
    torvyn_batch *batch = torvyn_batch_get();
    if (!batch || n < 0) {
        return TORVYN_ERR_INTERNAL;
    }
    for (int32_t i = 0; i < n; i++) {
        torvyn_descriptor *d = &batch->descriptors[i];
        d->result = (uint64_t)d->size <= max_bytes ? TORVYN_PASS : TORVYN_DROP;
    }
    return 0;
}
