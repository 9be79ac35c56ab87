package io.torvyn.tools.bench;

import java.util.List;
import java.util.Map;

/**
 * One bench result as spec/observability.md's bench JSON, schema 1, field for field: what is saved as a baseline and
 * read back to compare against. A boxed figure is null when it could not be measured, and {@link #nullReasons} says
 * why, keyed by the figure's JSON path (e.g. {@code resources.peak_memory.wasm}); {@link #notes} carries what a reader
 * needs to interpret the figures (coordinated-omission correction, a window cut short, several runs).
 *
 * @param schema        always {@link #SCHEMA}
 * @param name          the baseline name, or the UTC timestamp it was saved under
 * @param created       ISO-8601 UTC instant, seconds
 * @param configSha256  hash of the effective configuration (see {@link ConfigHash})
 * @param warmupS       warm-up asked for, seconds
 * @param durationS     the measured window's actual length, seconds
 * @param elements      elements delivered to sinks in the window
 */
public record BenchResult(int schema, String name, String created, Machine machine, String configSha256, String flow,
                          double warmupS, double durationS, long elements, Throughput throughput, Latency latency,
                          List<Component> components, Resources resources, Scheduling scheduling,
                          Map<String, String> nullReasons, List<String> notes) {
    public static final int SCHEMA = 1;

    /** Where the figures were measured. */
    public record Machine(int cores, String jdk, String os) {
    }

    /** Elements delivered to sinks and payload bytes produced by sources, per second of the window. */
    public record Throughput(Double elementsPerS, Double bytesPerS) {
    }

    /**
     * End-to-end latency percentiles in nanoseconds, and the whole histogram.
     *
     * @param hdr base64 of the HdrHistogram compressed encoding, null when nothing was recorded
     */
    public record Latency(Long p50, Long p90, Long p95, Long p99, Long p999, Long max, String hdr) {
    }

    /**
     * One node's figures.
     *
     * @param p50Ns            median processing time per element, excluding queue wait
     * @param fuelPerCall      fuel burnt per component call
     * @param copiesPerElement payload copies per element the node handled
     */
    public record Component(String node, Long p50Ns, Long p99Ns, long invocations, long errors, Double fuelPerCall,
                            long copies, long copyBytes, Double copiesPerElement) {
    }

    /**
     * Buffer and memory figures; maps are keyed by pool tier name, in tier order.
     *
     * @param copyAmplification copied bytes / produced bytes
     * @param peakMemoryBytes   the sum of the measured parts of {@link #peakMemory}
     */
    public record Resources(long allocations, Map<String, Double> poolReuseRate, Map<String, Long> fallback,
                            Map<String, Long> exhaustionEvents, long copies, long copyBytes, Double copyAmplification,
                            Long peakMemoryBytes, PeakMemory peakMemory) {
    }

    /** Peak memory by part: off-heap pools, Wasm linear memories, JVM heap. */
    public record PeakMemory(Long pools, Long wasm, Long heap) {
    }

    /** Worker wakeups and per-stream queue figures. */
    public record Scheduling(Long wakeups, List<StreamFigures> streams) {
    }

    /** One stream's backpressure and queue figures. */
    public record StreamFigures(String stream, long backpressureEvents, long backpressureNs, long queuePeak,
                                int capacity) {
    }

    /** The component named {@code node}, or null. */
    public Component component(final String node) {
        for (final Component c : components) {
            if (c.node().equals(node)) {
                return c;
            }
        }
        return null;
    }
}
