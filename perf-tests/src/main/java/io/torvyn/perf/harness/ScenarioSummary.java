package io.torvyn.perf.harness;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One table row: the medians of a scenario's measured rounds (over every fork). Medians, because a shared 2-core VM
 * throws the odd round far off; the spread (max − min over the median) says how far. A row that could not run carries
 * the reason instead of figures.
 *
 * @param name                      scenario name
 * @param medianElementsPerSecond   median throughput
 * @param spread                    (max − min) / median of the throughput, as a fraction
 * @param medianHeapBytesPerElement median heap bytes per element
 * @param heapExact                 false if any round's heap figure was a lower bound
 * @param rounds                    measured rounds behind the medians
 * @param metrics                   medians of the rounds' copies and latency percentiles
 * @param unavailable               why the row did not run, or null
 */
public record ScenarioSummary(String name, double medianElementsPerSecond, double spread,
                              double medianHeapBytesPerElement, boolean heapExact, int rounds, RoundMetrics metrics,
                              String unavailable) {

    public ScenarioSummary(final String name, final double medianElementsPerSecond, final double spread,
                           final double medianHeapBytesPerElement, final boolean heapExact, final int rounds) {
        this(name, medianElementsPerSecond, spread, medianHeapBytesPerElement, heapExact, rounds, RoundMetrics.NONE,
            null);
    }

    public static ScenarioSummary of(final String name, final List<RoundSample> samples) {
        final double[] rates = values(samples, RoundSample::elementsPerSecond);
        final double medianRate = median(rates);
        final double range = Arrays.stream(rates).max().orElse(0) - Arrays.stream(rates).min().orElse(0);
        final boolean exact = samples.stream().allMatch(RoundSample::heapExact);
        final RoundMetrics metrics = new RoundMetrics(
            median(values(samples, s -> s.metrics().copiesPerElement())),
            medianNs(values(samples, s -> s.metrics().p50Ns())),
            medianNs(values(samples, s -> s.metrics().p99Ns())),
            medianNs(values(samples, s -> s.metrics().p999Ns())));
        return new ScenarioSummary(name, medianRate, medianRate == 0 ? 0 : range / medianRate,
            median(values(samples, RoundSample::heapBytesPerElement)), exact, samples.size(), metrics, null);
    }

    /** A row that did not run, and why. */
    public static ScenarioSummary unavailable(final String name, final String why) {
        return new ScenarioSummary(name, Double.NaN, Double.NaN, Double.NaN, true, 0, RoundMetrics.NONE, why);
    }

    public boolean ran() {
        return unavailable == null;
    }

    private static double[] values(final List<RoundSample> samples, final ToDoubleFunction<RoundSample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }

    private static long medianNs(final double[] values) {
        final double[] measured = Arrays.stream(values).filter(v -> v >= 0).toArray();
        return measured.length == 0 ? -1 : Math.round(median(measured));
    }

    static double median(final double[] values) {
        final double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(present);
        final int middle = present.length / 2;
        return (present.length & 1) == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
    }
}
