package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.error.TorvynException;

/**
 * When an aggregator's {@code torvyn_flush} runs: every {@code flush_every} elements offered to ingest (counted the
 * same way on the per-element and batch paths, so both flush after the same elements) and at end of stream. A flush is
 * not an element, so a failed flush that the error policy survives is counted and logged, and the flow goes on; under
 * fail-fast (or for a fatal error) it fails the element being processed, which stops the flow.
 */
final class AggregatorFlush {
    private final WasmComponent component;
    private final long every;
    private long since;

    /** @param every {@code flush_every}: elements between flushes, 0 = only at end of stream */
    AggregatorFlush(final WasmComponent component, final long every) {
        this.component = component;
        this.every = every;
    }

    /** Elements until the next periodic flush ({@link Integer#MAX_VALUE} when there is none). */
    int untilDue() {
        return every <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Math.max(1, every - since));
    }

    /** {@code n} more elements were offered to ingest. */
    void counted(final int n) {
        since += n;
    }

    /** Flushes before element {@code i} when the period is complete. */
    void beforeElement(final int i, final Emitter out) {
        if (every > 0 && since >= every) {
            flush(i, out);
        }
    }

    /** Flushes after the last element of a call ({@code last}) when the period is complete. */
    void afterBatch(final int last, final Emitter out) {
        beforeElement(last, out);
    }

    /** The final flush, at end of stream. */
    void atEnd(final Emitter out) {
        since = 0;
        try {
            component.callFlush(out);
        } catch (final TorvynException e) {
            if (component.stopsFlow(e)) {
                throw e;
            }
            component.survived(e);
        }
    }

    private void flush(final int i, final Emitter out) {
        since = 0;
        try {
            component.callFlush(out);
        } catch (final TorvynException e) {
            if (component.stopsFlow(e)) {
                throw new ElementFailure(i, e);
            }
            component.survived(e);
        }
    }
}
