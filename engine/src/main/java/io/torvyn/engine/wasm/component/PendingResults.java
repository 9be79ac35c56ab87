package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ElementBatch;

/**
 * Results a batch call produced for the elements after one that failed. The stage handles the failed element by its
 * error policy and calls again from the next one (skip) or from the failed one (retry); these results are then applied
 * without calling the guest again, so every element is processed, staged and copied exactly once, as on the
 * per-element path. Output bytes are copied into pooled buffers when the results are kept, because the instance that
 * wrote them is discarded. Not kept when the flow stops anyway (fail-fast, fatal).
 */
final class PendingResults {
    private final int[] codes;
    private final long[] owned;
    private final long[] sequences;
    private int base;
    private int from = -1;
    private int end;
    private int count;

    PendingResults(final int capacity) {
        codes = new int[capacity];
        owned = new long[capacity];
        sequences = new long[capacity];
    }

    /** Starts keeping the results of elements {@code first ..} of {@code in}. */
    void start(final int first) {
        base = first;
        from = first;
        end = first;
        count = 0;
    }

    /** Keeps the next element's result, with the pooled buffer holding its output bytes (0 for none). */
    void add(final ElementBatch in, final int code, final long ownedHandle) {
        codes[count] = code;
        owned[count] = ownedHandle;
        sequences[count] = in.sequence(base + count);
        count++;
        end = base + count;
    }

    boolean active() {
        return from >= 0 && from < end;
    }

    /** Whether {@code in} is still the stage batch the results belong to. */
    boolean belongsTo(final ElementBatch in) {
        return end <= in.end() && in.sequence(from) == sequences[from - base];
    }

    /** The first element whose result is kept. */
    int from() {
        return from;
    }

    int end() {
        return end;
    }

    int code(final int i) {
        return codes[i - base];
    }

    /** Takes over the output buffer kept for element {@code i} (0 when none). */
    long takeOwned(final int i) {
        final long h = owned[i - base];
        owned[i - base] = 0;
        return h;
    }

    /** The results before element {@code i} have been applied. */
    void advanceTo(final int i) {
        from = i;
    }

    /** Drops what is left, giving kept output buffers back to the pool. */
    void clear(final BufferPool pool, final BufferClient client) {
        if (from >= 0) {
            for (int i = from; i < end; i++) {
                final long h = owned[i - base];
                if (h != 0) {
                    owned[i - base] = 0;
                    pool.release(client, h);
                }
            }
        }
        from = -1;
        count = 0;
    }
}
