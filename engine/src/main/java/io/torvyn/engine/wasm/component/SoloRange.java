package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.ElementBatch;

/**
 * Elements of a batch whose batch call failed as a whole (a trap, fuel, a deadline, a whole-batch error kind, a handle
 * misuse): they are called again one at a time, so the element that caused the failure is the one the error policy
 * sees and the others go through as they would on the per-element path. Remembered across re-entries of the same
 * stage batch (the stage calls again after each failed element), recognised by the last element's sequence.
 */
final class SoloRange {
    private int from = -1;
    private int end;
    private long lastSequence;

    void set(final ElementBatch in, final int first, final int endExclusive) {
        from = first;
        end = endExclusive;
        lastSequence = in.sequence(endExclusive - 1);
    }

    /** Whether element {@code i} of {@code in} is to be called alone. */
    boolean covers(final ElementBatch in, final int i) {
        if (from < 0) {
            return false;
        }
        if (end > in.end() || in.sequence(end - 1) != lastSequence) {
            from = -1;
            return false;
        }
        return i >= from && i < end;
    }
}
