/*
 * batch_uppercase - the uppercase processor over the batch ABI: one call per batch and no host import per element,
 * the fast path on the wasmtime engine.
 *
 * The host has already staged every payload (the read copy). Each one is upper-cased in place in the staging
 * region and marked TORVYN_EMIT_BYTES; after the call the host copies it into a pooled buffer (the write copy) that
 * keeps the input's content type. Same copies as the per-element version, one boundary crossing per batch.
 */
#include "torvyn.h"

TORVYN_STANDARD_BATCH_AREA()

int32_t torvyn_process_batch(int32_t n) {
    torvyn_batch *batch = torvyn_batch_get();
    if (!batch || n < 0) {
        return TORVYN_ERR_INTERNAL;
    }
    for (int32_t i = 0; i < n; i++) {
        torvyn_descriptor *d = &batch->descriptors[i];
        uint8_t *text = (uint8_t *)d->payload;
        if (!text && d->size > 0) {
            d->result = TORVYN_ERR_INVALID_INPUT;
            continue;
        }
        for (int32_t j = 0; j < d->size; j++) {
            text[j] = torvyn_ascii_upper(text[j]);
        }
        torvyn_descriptor_emit(d, text, d->size);
        d->out_content_type = 0;
        d->out_content_type_len = 0;
    }
    return 0;
}
