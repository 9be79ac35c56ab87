package io.torvyn.perf.harness;

/**
 * What one measured round of one scenario yielded.
 *
 * @param elementsPerSecond   elements that left the pipeline divided by the round's wall-clock time
 * @param heapBytesPerElement Java-heap bytes allocated by all threads during the round, per element
 * @param heapExact           false if some thread ended during the round without reporting, making the bytes a lower
 *                            bound
 * @param metrics             copies and latency of the round
 */
public record RoundSample(double elementsPerSecond, double heapBytesPerElement, boolean heapExact,
                          RoundMetrics metrics) {

    public RoundSample(final double elementsPerSecond, final double heapBytesPerElement, final boolean heapExact) {
        this(elementsPerSecond, heapBytesPerElement, heapExact, RoundMetrics.NONE);
    }
}
