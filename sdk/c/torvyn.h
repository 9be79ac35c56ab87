/*
 * torvyn.h - guest side of the Torvyn component ABI, contract 0.1.0 (spec/component-abi.md).
 *
 * A Torvyn component is a plain wasm32 core module: it imports host functions from module "torvyn", exports
 * "memory" and one role function. This single header is all a C component needs; it works without a libc:
 *
 *   clang --target=wasm32 -nostdlib -ffreestanding -O2 -Wl,--no-entry -Wl,--stack-first -o x.wasm x.c
 *
 * Why these flags: -nostdlib/-ffreestanding because there is no libc to link (this header supplies the few helpers a
 * component needs and the memcpy/memset the compiler may call); --no-entry because a component is a library, not a
 * program; --stack-first so a stack overflow traps instead of silently overwriting static data. No --export-dynamic
 * and no --allow-undefined: exports come only from TORVYN_EXPORT (export_name), so the module exports exactly
 * "memory" plus its role functions, and an undefined symbol fails at link time rather than turning into an "env"
 * import that `torvyn check` would reject (E0102).
 *
 * Ownership in one paragraph: an input handle is borrowed for the call (read it, never write it); a buffer from
 * torvyn_buffer_alloc is owned until you return it, emit it or release it - returning an input handle unchanged
 * forwards it with zero copies. Payload bytes cross into Wasm memory only through torvyn_buffer_read (or batch
 * staging) and out only through torvyn_buffer_write/append (or a batch EMIT_BYTES); each crossing is a counted copy,
 * so read only what you need and prefer metadata (size, content type) when a decision can be made on it.
 *
 * Compile with -DTORVYN_NO_LIBC_SHIMS when linking a real libc (e.g. wasi-libc with wasi = true on the node).
 */
#ifndef TORVYN_H
#define TORVYN_H

#include <stddef.h>
#include <stdint.h>

#define TORVYN_CONTRACT_VERSION "0.1.0"

/* ---------------------------------------------------------------------------------------------------------------
 * Result codes. Positive values are handles or decisions, 0 is "nothing/drop", negatives are errors.
 * ------------------------------------------------------------------------------------------------------------- */

#define TORVYN_DROP 0             /* processor/filter/router/aggregator ingest: no output for this element */
#define TORVYN_PASS 1             /* filter: the element moves on unchanged */
#define TORVYN_FORWARD 1          /* batch processor/aggregator: the input moves on unchanged (0 copies) */
#define TORVYN_EMIT_BYTES 2       /* batch processor/aggregator: emit out/out_len (the host's write copy) */
#define TORVYN_READY 0            /* sink: accepted, send more */
#define TORVYN_PAUSE 1            /* sink: accepted, deliver nothing more for one yield quantum (backpressure) */
#define TORVYN_NOTHING_NOW 0      /* source: nothing to emit at the moment, poll again later */
#define TORVYN_END_OF_STREAM (-6) /* source: finished for good */
#define TORVYN_DEFAULT_PORT (-1)  /* torvyn_emit: the node's default output */

/* Process-error kinds: return one (optionally after torvyn_fail) to fail the element; the node's error_policy
 * decides what happens next. TORVYN_ERR_FATAL (or any negative torvyn_init result) stops the flow (E0410). */
#define TORVYN_ERR_INVALID_INPUT (-1)
#define TORVYN_ERR_UNAVAILABLE (-2)
#define TORVYN_ERR_INTERNAL (-3)
#define TORVYN_ERR_DEADLINE_EXCEEDED (-4)
#define TORVYN_ERR_FATAL (-5)

/* Buffer errors, returned by the buffer imports. */
#define TORVYN_ERR_CAPACITY_EXCEEDED (-10)
#define TORVYN_ERR_OUT_OF_BOUNDS (-11)
#define TORVYN_ERR_ALLOCATION_FAILED (-12)
#define TORVYN_ERR_NOT_OWNER (-13)
#define TORVYN_ERR_STALE_HANDLE (-14)
#define TORVYN_ERR_BUDGET_EXCEEDED (-15)

#define TORVYN_LOG_TRACE 0
#define TORVYN_LOG_DEBUG 1
#define TORVYN_LOG_INFO 2
#define TORVYN_LOG_WARN 3
#define TORVYN_LOG_ERROR 4

/* A handle: > 0, valid only during the call that received or created it; 0 means none. */
typedef int32_t torvyn_handle;

/* ---------------------------------------------------------------------------------------------------------------
 * Host imports (module "torvyn"). The C types map one to one onto the Wasm signatures of the spec's table:
 * int32_t and pointers are i32 on wasm32, int64_t is i64. Pointers are addresses in this module's memory.
 * ------------------------------------------------------------------------------------------------------------- */

#define TORVYN_IMPORT(name) __attribute__((import_module("torvyn"), import_name(#name)))

/* Payload length of h. */
TORVYN_IMPORT(buffer_size) int64_t torvyn_buffer_size(torvyn_handle h);
/* Copies up to cap bytes of h's content type to dst; returns the full length (compare with cap). */
TORVYN_IMPORT(buffer_content_type) int32_t torvyn_buffer_content_type(torvyn_handle h, void *dst, int32_t cap);
/* Copies payload [off, off+len) to dst, short at the end; returns bytes copied or an error. A read copy. */
TORVYN_IMPORT(buffer_read) int32_t torvyn_buffer_read(torvyn_handle h, int64_t off, void *dst, int32_t len);
/* A new owned, writable, empty buffer from the smallest pool tier that fits capacity_hint. */
TORVYN_IMPORT(buffer_alloc) torvyn_handle torvyn_buffer_alloc(int64_t capacity_hint);
/* A new owned copy of h made on the host side (no bytes enter Wasm memory). */
TORVYN_IMPORT(buffer_clone) torvyn_handle torvyn_buffer_clone(torvyn_handle h);
/* Writes src[0, len) at off into an owned buffer; 0 or an error. A write copy. */
TORVYN_IMPORT(buffer_write) int32_t torvyn_buffer_write(torvyn_handle h, int64_t off, const void *src, int32_t len);
/* Appends src[0, len) to an owned buffer; 0 or an error. A write copy. */
TORVYN_IMPORT(buffer_append) int32_t torvyn_buffer_append(torvyn_handle h, const void *src, int32_t len);
/* Sets the content type of an owned buffer (UTF-8, at most 127 bytes); 0 or an error. */
TORVYN_IMPORT(buffer_set_content_type) int32_t torvyn_buffer_set_content_type(torvyn_handle h, const void *src,
                                                                              int32_t len);
/* Gives an owned buffer back before the call ends (an owned buffer left over is reclaimed and counted as a leak). */
TORVYN_IMPORT(buffer_release) int32_t torvyn_buffer_release(torvyn_handle h);
/* Sequence number and timestamp of the element whose payload is h. */
TORVYN_IMPORT(element_sequence) int64_t torvyn_element_sequence(torvyn_handle h);
TORVYN_IMPORT(element_timestamp_ns) int64_t torvyn_element_timestamp_ns(torvyn_handle h);
/* Emits an owned buffer as an extra output (ownership moves to the host); port -1 = default. 0 or an error. */
TORVYN_IMPORT(emit) int32_t torvyn_emit(torvyn_handle h, int32_t port);
/* Copies up to cap bytes of the node's config string to dst; returns its full length. */
TORVYN_IMPORT(config) int32_t torvyn_config(void *dst, int32_t cap);
/* Nanoseconds left for this invocation, 0 = no deadline. */
TORVYN_IMPORT(deadline_ns) int64_t torvyn_deadline_ns(void);
/* A rate-limited log line at level 0 (trace) .. 4 (error). */
TORVYN_IMPORT(log) void torvyn_log(int32_t level, const void *src, int32_t len);
/* Attaches a message to the error kind the call is about to return. */
TORVYN_IMPORT(fail) void torvyn_fail(int32_t kind, const void *src, int32_t len);

/* ---------------------------------------------------------------------------------------------------------------
 * Exports. Every role function below is declared with its export name, so defining one with the same C name is all
 * it takes to export it, and a wrong signature is a compile error instead of an E0103 at load time. Define only the
 * ones of your role; the rest stay undeclared in the module.
 * ------------------------------------------------------------------------------------------------------------- */

#define TORVYN_EXPORT(name) __attribute__((export_name(#name)))

TORVYN_EXPORT(torvyn_init) int32_t torvyn_init(void);               /* optional: < 0 fails the flow start (E0410) */
TORVYN_EXPORT(torvyn_teardown) void torvyn_teardown(void);          /* optional */
TORVYN_EXPORT(torvyn_pull) int32_t torvyn_pull(void);               /* source: handle, 0, -6 or error */
TORVYN_EXPORT(torvyn_process) int32_t torvyn_process(torvyn_handle in);   /* processor: handle (in = forward), 0 */
TORVYN_EXPORT(torvyn_evaluate) int32_t torvyn_evaluate(torvyn_handle in); /* filter: 1 pass, 0 drop */
TORVYN_EXPORT(torvyn_route) int32_t torvyn_route(torvyn_handle in);       /* router: bit i = port i, 0 drop */
TORVYN_EXPORT(torvyn_ingest) int32_t torvyn_ingest(torvyn_handle in);     /* aggregator: as processor */
TORVYN_EXPORT(torvyn_flush) int32_t torvyn_flush(void);             /* aggregator: emit with torvyn_emit; count */
TORVYN_EXPORT(torvyn_push) int32_t torvyn_push(torvyn_handle in);         /* sink: 0 ready, 1 pause */
TORVYN_EXPORT(torvyn_complete) int32_t torvyn_complete(void);       /* sink, optional: end of stream reached */

/* Batch twins: one call per batch; per-element results go into the descriptors (see below). */
TORVYN_EXPORT(torvyn_batch_area) int32_t torvyn_batch_area(int32_t bytes);
TORVYN_EXPORT(torvyn_pull_batch) int32_t torvyn_pull_batch(int32_t n);
TORVYN_EXPORT(torvyn_process_batch) int32_t torvyn_process_batch(int32_t n);
TORVYN_EXPORT(torvyn_evaluate_batch) int32_t torvyn_evaluate_batch(int32_t n);
TORVYN_EXPORT(torvyn_route_batch) int32_t torvyn_route_batch(int32_t n);
TORVYN_EXPORT(torvyn_ingest_batch) int32_t torvyn_ingest_batch(int32_t n);
TORVYN_EXPORT(torvyn_push_batch) int32_t torvyn_push_batch(int32_t n);

/* The presence of an export named torvyn_metadata_only is the declaration that this component never looks at
 * payload bytes: batch payloads are then not staged (payload == 0) and no read copy is counted. */
TORVYN_EXPORT(torvyn_metadata_only) void torvyn_metadata_only(void);
#define TORVYN_DECLARE_METADATA_ONLY() \
    void torvyn_metadata_only(void) {}

/* ---------------------------------------------------------------------------------------------------------------
 * Batch ABI. After torvyn_init the host calls torvyn_batch_area(bytes) once; the component returns the address of
 * an 8-byte aligned region of that size, laid out as struct torvyn_batch. Per batch the host fills count, the first
 * count descriptors and the staging region (payloads and content types), then makes one *_batch(count) call; the
 * component writes each descriptor's result (and out/out_len for TORVYN_EMIT_BYTES) and returns 0, or a negative
 * error for the whole batch. A source's torvyn_pull_batch(n) instead fills descriptors 0..k-1 with out/out_len and
 * returns k, 0 (nothing now) or TORVYN_END_OF_STREAM. Output bytes must stay valid until the call returns: they may
 * live in the staging region itself (an in-place transform) or in memory from torvyn_alloc. All integers are
 * little-endian, which is what wasm32 stores natively.
 *
 *   region:     0 count | 4 descriptor_size (64) | 8 staging | 12 staging_len | 16 descriptors[capacity] | staging
 *   descriptor: 0 sequence(i64) | 8 timestamp_ns(i64) | 16 handle | 20 size | 24 payload | 28 content_type
 *               | 32 content_type_len | 36 result | 40 out | 44 out_len | 48 out_content_type
 *               | 52 out_content_type_len | 56 reserved(i64)
 *
 * result per role: processor/aggregator TORVYN_FORWARD, TORVYN_DROP, TORVYN_EMIT_BYTES or an error kind; filter
 * 1 pass / 0 drop; router the port mask; sink 0 ready / 1 pause. out_content_type == 0 keeps the input's.
 * ------------------------------------------------------------------------------------------------------------- */

typedef struct torvyn_descriptor {
    int64_t sequence;
    int64_t timestamp_ns;
    torvyn_handle handle;             /* valid during this batch call, usable with the imports */
    int32_t size;                     /* input payload length */
    const uint8_t *payload;           /* staged payload; 0 for a metadata-only component */
    const char *content_type;         /* always staged (metadata is free), not NUL-terminated */
    int32_t content_type_len;
    int32_t result;                   /* guest -> host */
    const void *out;                  /* guest -> host: bytes for TORVYN_EMIT_BYTES or a source's output */
    int32_t out_len;
    const char *out_content_type;     /* 0 = keep the input's (a source: none) */
    int32_t out_content_type_len;
    int64_t reserved;
} torvyn_descriptor;

typedef struct torvyn_batch {
    int32_t count;                    /* descriptors in this batch (host writes) */
    int32_t descriptor_size;          /* always 64 */
    uint8_t *staging;                 /* where the host stages payloads and content types */
    int32_t staging_len;
    torvyn_descriptor descriptors[];  /* capacity = the host's batch_size */
} torvyn_batch;

#define TORVYN_DESCRIPTOR_SIZE 64
#define TORVYN_BATCH_HEADER_SIZE 16

_Static_assert(sizeof(void *) == 4, "torvyn.h targets wasm32");
_Static_assert(sizeof(torvyn_descriptor) == TORVYN_DESCRIPTOR_SIZE, "descriptor is 64 bytes");
_Static_assert(offsetof(torvyn_descriptor, sequence) == 0, "sequence at 0");
_Static_assert(offsetof(torvyn_descriptor, timestamp_ns) == 8, "timestamp_ns at 8");
_Static_assert(offsetof(torvyn_descriptor, handle) == 16, "handle at 16");
_Static_assert(offsetof(torvyn_descriptor, size) == 20, "size at 20");
_Static_assert(offsetof(torvyn_descriptor, payload) == 24, "payload at 24");
_Static_assert(offsetof(torvyn_descriptor, content_type) == 28, "content_type at 28");
_Static_assert(offsetof(torvyn_descriptor, content_type_len) == 32, "content_type_len at 32");
_Static_assert(offsetof(torvyn_descriptor, result) == 36, "result at 36");
_Static_assert(offsetof(torvyn_descriptor, out) == 40, "out at 40");
_Static_assert(offsetof(torvyn_descriptor, out_len) == 44, "out_len at 44");
_Static_assert(offsetof(torvyn_descriptor, out_content_type) == 48, "out_content_type at 48");
_Static_assert(offsetof(torvyn_descriptor, out_content_type_len) == 52, "out_content_type_len at 52");
_Static_assert(offsetof(torvyn_descriptor, reserved) == 56, "reserved at 56");
_Static_assert(offsetof(torvyn_batch, count) == 0, "count at 0");
_Static_assert(offsetof(torvyn_batch, descriptor_size) == 4, "descriptor_size at 4");
_Static_assert(offsetof(torvyn_batch, staging) == 8, "staging at 8");
_Static_assert(offsetof(torvyn_batch, staging_len) == 12, "staging_len at 12");
_Static_assert(offsetof(torvyn_batch, descriptors) == TORVYN_BATCH_HEADER_SIZE, "descriptors at 16");

/* ---------------------------------------------------------------------------------------------------------------
 * Memory: a bump allocator over the module's heap (from __heap_base, growing linear memory on demand). Allocations
 * made in torvyn_init (torvyn_alloc_persistent) live for the instance; per-call scratch (torvyn_alloc) is taken back
 * by torvyn_scratch_reset(), which a role function calls first. No free list: a component's working set per call is
 * small and an instance is discarded after any trap, so a reset per call is all the bookkeeping needed. memory.grow
 * fails past the node's max_memory, and then these return 0.
 * ------------------------------------------------------------------------------------------------------------- */

extern unsigned char __heap_base;

#define TORVYN_PAGE_SIZE 65536u

static uintptr_t torvyn__heap_floor;
static uintptr_t torvyn__heap_top;

static inline void *torvyn__bump(size_t size, size_t align) {
    if (torvyn__heap_top == 0) {
        torvyn__heap_floor = torvyn__heap_top = (uintptr_t)&__heap_base;
    }
    const uintptr_t start = (torvyn__heap_top + (align - 1)) & ~(uintptr_t)(align - 1);
    const uint64_t end = (uint64_t)start + size;
    const uint64_t limit = (uint64_t)__builtin_wasm_memory_size(0) * TORVYN_PAGE_SIZE;
    if (end > limit) {
        const uint64_t pages = (end - limit + TORVYN_PAGE_SIZE - 1) / TORVYN_PAGE_SIZE;
        if (end > UINT32_MAX || __builtin_wasm_memory_grow(0, (size_t)pages) == (size_t)-1) {
            return 0;
        }
    }
    torvyn__heap_top = (uintptr_t)end;
    return (void *)start;
}

/* Scratch memory for the current call, 8-byte aligned; 0 when memory cannot grow. */
static inline void *torvyn_alloc(size_t size) {
    return torvyn__bump(size, 8);
}

/* Memory that lives as long as the instance (config, tables, the batch area). Call before any scratch use. */
static inline void *torvyn_alloc_persistent(size_t size) {
    void *p = torvyn__bump(size, 8);
    if (p) {
        torvyn__heap_floor = torvyn__heap_top;
    }
    return p;
}

/* Takes back every scratch allocation. */
static inline void torvyn_scratch_reset(void) {
    if (torvyn__heap_top != 0) {
        torvyn__heap_top = torvyn__heap_floor;
    }
}

/* ---------------------------------------------------------------------------------------------------------------
 * Byte and string helpers (no libc). The memcpy/memset/memmove definitions exist because the compiler may emit calls
 * to them for struct copies even under -ffreestanding; they are weak and hidden, so they neither clash with a real
 * libc's nor get exported.
 * ------------------------------------------------------------------------------------------------------------- */

#ifndef TORVYN_NO_LIBC_SHIMS
__attribute__((weak, visibility("hidden"))) void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

__attribute__((weak, visibility("hidden"))) void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

__attribute__((weak, visibility("hidden"))) void *memset(void *dst, int c, size_t n) {
    unsigned char *d = (unsigned char *)dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}
#endif

static inline void torvyn_memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    while (n--) {
        *d++ = *s++;
    }
}

static inline void torvyn_memset(void *dst, int c, size_t n) {
    unsigned char *d = (unsigned char *)dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
}

static inline int torvyn_memeq(const void *a, const void *b, size_t n) {
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return 0;
        }
    }
    return 1;
}

static inline size_t torvyn_strlen(const char *s) {
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

/* Index of the first occurrence of needle in hay, or -1. */
static inline int32_t torvyn_find(const void *hay, int32_t hay_len, const void *needle, int32_t needle_len) {
    const unsigned char *h = (const unsigned char *)hay;
    for (int32_t i = 0; i + needle_len <= hay_len; i++) {
        if (torvyn_memeq(h + i, needle, (size_t)needle_len)) {
            return i;
        }
    }
    return -1;
}

static inline int torvyn_starts_with(const void *s, int32_t len, const void *prefix, int32_t prefix_len) {
    return prefix_len <= len && torvyn_memeq(s, prefix, (size_t)prefix_len);
}

static inline unsigned char torvyn_ascii_upper(unsigned char c) {
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - ('a' - 'A')) : c;
}

/* Writes v in decimal to dst (at least 20 bytes); returns the number of digits. */
static inline int32_t torvyn_u64_to_dec(uint64_t v, char *dst) {
    char tmp[20];
    int32_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int32_t i = 0; i < n; i++) {
        dst[i] = tmp[n - 1 - i];
    }
    return n;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Flat-JSON lookups, enough for config strings such as {"field":"email","max_bytes":1024}: they find the first
 * "key" followed by ':' and do not understand nesting, so keep configs flat.
 * ------------------------------------------------------------------------------------------------------------- */

static inline int32_t torvyn__json_value_at(const char *json, int32_t len, const char *key) {
    const int32_t key_len = (int32_t)torvyn_strlen(key);
    for (int32_t i = 0; i + key_len + 2 <= len; i++) {
        if (json[i] == '"' && json[i + key_len + 1] == '"' && torvyn_memeq(json + i + 1, key, (size_t)key_len)) {
            int32_t j = i + key_len + 2;
            while (j < len && (json[j] == ' ' || json[j] == '\t' || json[j] == '\n' || json[j] == '\r')) {
                j++;
            }
            if (j < len && json[j] == ':') {
                j++;
                while (j < len && (json[j] == ' ' || json[j] == '\t' || json[j] == '\n' || json[j] == '\r')) {
                    j++;
                }
                return j;
            }
        }
    }
    return -1;
}

/* Finds "key": "value"; points value and value_len at the raw bytes between the quotes (escapes left as they are).
 * Returns 1 when found. */
static inline int torvyn_json_string(const char *json, int32_t len, const char *key, const char **value,
                                     int32_t *value_len) {
    const int32_t at = torvyn__json_value_at(json, len, key);
    if (at < 0 || at >= len || json[at] != '"') {
        return 0;
    }
    int32_t end = at + 1;
    while (end < len && json[end] != '"') {
        end += json[end] == '\\' ? 2 : 1;
    }
    if (end >= len) {
        return 0;
    }
    *value = json + at + 1;
    *value_len = end - at - 1;
    return 1;
}

/* Finds "key": N (a non-negative integer). Returns 1 when found. */
static inline int torvyn_json_u64(const char *json, int32_t len, const char *key, uint64_t *value) {
    int32_t at = torvyn__json_value_at(json, len, key);
    if (at < 0 || at >= len || json[at] < '0' || json[at] > '9') {
        return 0;
    }
    uint64_t v = 0;
    while (at < len && json[at] >= '0' && json[at] <= '9') {
        v = v * 10 + (uint64_t)(json[at++] - '0');
    }
    *value = v;
    return 1;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Convenience wrappers over the imports.
 * ------------------------------------------------------------------------------------------------------------- */

static inline void torvyn_log_str(int32_t level, const char *message) {
    torvyn_log(level, message, (int32_t)torvyn_strlen(message));
}

/* Attaches message to the error and returns kind, for `return torvyn_fail_str(TORVYN_ERR_INVALID_INPUT, "...");`. */
static inline int32_t torvyn_fail_str(int32_t kind, const char *message) {
    torvyn_fail(kind, message, (int32_t)torvyn_strlen(message));
    return kind;
}

/* The node's config string in persistent memory (NUL-terminated for convenience); returns its length, 0 when the
 * node has none, or TORVYN_ERR_ALLOCATION_FAILED. Call it from torvyn_init. */
static inline int32_t torvyn_config_read(const char **out) {
    const int32_t len = torvyn_config(0, 0);
    if (len < 0) {
        return len;
    }
    char *buf = (char *)torvyn_alloc_persistent((size_t)len + 1);
    if (!buf) {
        return TORVYN_ERR_ALLOCATION_FAILED;
    }
    const int32_t copied = torvyn_config(buf, len);
    if (copied < 0) {
        return copied;
    }
    buf[len] = 0;
    *out = buf;
    return len;
}

/* Reads h's whole payload into scratch memory (one read copy); returns its length or a negative error. */
static inline int32_t torvyn_read_all(torvyn_handle h, uint8_t **out) {
    const int64_t size = torvyn_buffer_size(h);
    if (size < 0) {
        return (int32_t)size;
    }
    if (size > INT32_MAX) {
        return TORVYN_ERR_CAPACITY_EXCEEDED;
    }
    uint8_t *buf = (uint8_t *)torvyn_alloc((size_t)size + 1);
    if (!buf) {
        return TORVYN_ERR_ALLOCATION_FAILED;
    }
    int32_t done = 0;
    while (done < (int32_t)size) {
        const int32_t n = torvyn_buffer_read(h, done, buf + done, (int32_t)size - done);
        if (n < 0) {
            return n;
        }
        if (n == 0) {
            break;
        }
        done += n;
    }
    *out = buf;
    return done;
}

/* Copies h's content type into dst (cap bytes); returns its length (may exceed cap: then it was cut) or an error. */
static inline int32_t torvyn_content_type(torvyn_handle h, char *dst, int32_t cap) {
    return torvyn_buffer_content_type(h, dst, cap);
}

/* A new owned buffer holding src[0, len) (one write copy); returns its handle or a negative error. */
static inline torvyn_handle torvyn_buffer_from(const void *src, int32_t len) {
    const torvyn_handle h = torvyn_buffer_alloc(len);
    if (h <= 0) {
        return h < 0 ? h : TORVYN_ERR_ALLOCATION_FAILED;
    }
    const int32_t rc = torvyn_buffer_write(h, 0, src, len);
    if (rc != 0) {
        torvyn_buffer_release(h);
        return rc;
    }
    return h;
}

/* Emits src[0, len) as an extra output on port (TORVYN_DEFAULT_PORT for the default); 0 or a negative error. */
static inline int32_t torvyn_emit_bytes(const void *src, int32_t len, int32_t port) {
    const torvyn_handle h = torvyn_buffer_from(src, len);
    if (h < 0) {
        return h;
    }
    const int32_t rc = torvyn_emit(h, port);
    if (rc != 0) {
        torvyn_buffer_release(h);
    }
    return rc;
}

/* As torvyn_emit_bytes for a NUL-terminated string. */
static inline int32_t torvyn_emit_str(const char *text, int32_t port) {
    return torvyn_emit_bytes(text, (int32_t)torvyn_strlen(text), port);
}

/* ---------------------------------------------------------------------------------------------------------------
 * Batch helpers.
 * ------------------------------------------------------------------------------------------------------------- */

static torvyn_batch *torvyn__batch;

/* The standard torvyn_batch_area body: a persistent region of the requested size. */
static inline int32_t torvyn_batch_area_alloc(int32_t bytes) {
    if (bytes < TORVYN_BATCH_HEADER_SIZE) {
        return TORVYN_ERR_INVALID_INPUT;
    }
    torvyn__batch = (torvyn_batch *)torvyn_alloc_persistent((size_t)bytes);
    return torvyn__batch ? (int32_t)(uintptr_t)torvyn__batch : TORVYN_ERR_ALLOCATION_FAILED;
}

/* The batch region handed to the host (0 before torvyn_batch_area). */
static inline torvyn_batch *torvyn_batch_get(void) {
    return torvyn__batch;
}

/* Defines torvyn_batch_area with the standard body. */
#define TORVYN_STANDARD_BATCH_AREA() \
    int32_t torvyn_batch_area(int32_t bytes) { return torvyn_batch_area_alloc(bytes); }

/* Marks d for emission of out[0, len) (copied by the host after the call returns). */
static inline void torvyn_descriptor_emit(torvyn_descriptor *d, const void *out, int32_t len) {
    d->result = TORVYN_EMIT_BYTES;
    d->out = out;
    d->out_len = len;
}

#endif /* TORVYN_H */
