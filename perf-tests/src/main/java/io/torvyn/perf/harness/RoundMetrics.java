package io.torvyn.perf.harness;

/**
 * What one round measured besides its rate: exact payload copies per delivered element (from the run summary's copy
 * ledger) and end-to-end latency percentiles (from the sinks' histograms, corrected for coordinated omission when the
 * source is rate-limited). A figure a scenario does not measure is NaN or −1, and the table shows "–".
 *
 * @param copiesPerElement payload copies / elements delivered, NaN when not measured
 * @param p50Ns            latency median in ns, −1 when not measured
 * @param p99Ns            99th percentile in ns, −1 when not measured
 * @param p999Ns           99.9th percentile in ns, −1 when not measured
 */
public record RoundMetrics(double copiesPerElement, long p50Ns, long p99Ns, long p999Ns) {

    /** Nothing beyond the rate. */
    public static final RoundMetrics NONE = new RoundMetrics(Double.NaN, -1, -1, -1);

    public static RoundMetrics copies(final double copiesPerElement) {
        return new RoundMetrics(copiesPerElement, -1, -1, -1);
    }

    public boolean hasLatency() {
        return p50Ns >= 0;
    }
}
