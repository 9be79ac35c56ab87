package io.torvyn.perf.harness;

/**
 * Heap bytes allocated by all Java threads during one measured interval.
 *
 * @param bytes              allocated bytes counted
 * @param unmeasuredThreads  threads that ended during the interval without reporting (not made by a
 *                           {@link MeasuredThreadFactory}); when non-zero, {@code bytes} is a lower bound
 */
public record HeapAllocation(long bytes, long unmeasuredThreads) {

    public boolean exact() {
        return unmeasuredThreads == 0;
    }
}
