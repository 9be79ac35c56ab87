package io.torvyn.perf.harness;

import java.util.Arrays;
import java.util.List;

/**
 * One table row: the medians of a scenario's measured rounds. Medians, because a shared 2-core VM throws the odd
 * round far off; the spread (max − min over the median) says how far.
 *
 * @param name                scenario name
 * @param medianElementsPerSecond median throughput
 * @param spread              (max − min) / median of the throughput, as a fraction
 * @param medianHeapBytesPerElement median heap bytes per element
 * @param heapExact           false if any round's heap figure was a lower bound
 * @param rounds              measured rounds behind the medians
 */
public record ScenarioSummary(String name, double medianElementsPerSecond, double spread,
                              double medianHeapBytesPerElement, boolean heapExact, int rounds) {

    public static ScenarioSummary of(final String name, final List<RoundSample> samples) {
        final double[] rates = samples.stream().mapToDouble(RoundSample::elementsPerSecond).toArray();
        final double[] heap = samples.stream().mapToDouble(RoundSample::heapBytesPerElement).toArray();
        final double medianRate = median(rates);
        final double range = Arrays.stream(rates).max().orElse(0) - Arrays.stream(rates).min().orElse(0);
        final boolean exact = samples.stream().allMatch(RoundSample::heapExact);
        return new ScenarioSummary(name, medianRate, medianRate == 0 ? 0 : range / medianRate, median(heap), exact,
            samples.size());
    }

    static double median(final double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
