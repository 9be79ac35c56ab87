/*
 * content_router - router with two ports: port 0 for elements whose content type starts with a prefix, port 1 for
 * all others.
 *
 * Config: {"prefix":"application/json"} (the default). Declare the ports in the node, e.g.
 * ports = ["json", "other"]. Only the content type (metadata) is read, so routing copies nothing, and the same
 * buffer goes to the chosen port.
 */
#include "torvyn.h"

#define MAX_CONTENT_TYPE 127
#define PORT_MATCH 1   /* bit 0: the first declared port */
#define PORT_OTHER 2   /* bit 1: the second declared port */

static const char *prefix = "application/json";
static int32_t prefix_len = 16;

TORVYN_DECLARE_METADATA_ONLY()

int32_t torvyn_init(void) {
    const char *config;
    const int32_t len = torvyn_config_read(&config);
    if (len < 0) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "content_router: cannot read config");
    }
    if (len > 0 && !torvyn_json_string(config, len, "prefix", &prefix, &prefix_len)) {
        return torvyn_fail_str(TORVYN_ERR_FATAL, "content_router: config needs {\"prefix\":\"TYPE\"}");
    }
    return 0;
}

int32_t torvyn_route(torvyn_handle in) {
    char content_type[MAX_CONTENT_TYPE];
    const int32_t len = torvyn_buffer_content_type(in, content_type, MAX_CONTENT_TYPE);
    if (len < 0) {
        return len;
    }
    const int32_t seen = len < MAX_CONTENT_TYPE ? len : MAX_CONTENT_TYPE;
    return torvyn_starts_with(content_type, seen, prefix, prefix_len) ? PORT_MATCH : PORT_OTHER;
}
