package io.torvyn.tools.bench;

import java.util.function.Function;

/**
 * The headline figures `--compare` judges, each with the direction in which it improves (throughput up, latency,
 * copy amplification and memory down).
 */
public enum Headline {
    ELEMENTS_PER_S("elements/s", true, Unit.RATE, r -> r.throughput().elementsPerS()),
    BYTES_PER_S("bytes/s", true, Unit.BYTE_RATE, r -> r.throughput().bytesPerS()),
    P50("p50", false, Unit.NANOS, r -> boxed(r.latency().p50())),
    P99("p99", false, Unit.NANOS, r -> boxed(r.latency().p99())),
    P999("p99.9", false, Unit.NANOS, r -> boxed(r.latency().p999())),
    MAX("max", false, Unit.NANOS, r -> boxed(r.latency().max())),
    COPY_AMPLIFICATION("copy amplification", false, Unit.RATIO, r -> r.resources().copyAmplification()),
    PEAK_MEMORY("peak memory", false, Unit.BYTES, r -> boxed(r.resources().peakMemoryBytes()));

    /** How a figure is printed. */
    public enum Unit { RATE, BYTE_RATE, NANOS, RATIO, BYTES }

    private final String label;
    private final boolean higherIsBetter;
    private final Unit unit;
    private final Function<BenchResult, Double> value;

    Headline(final String label, final boolean higherIsBetter, final Unit unit,
             final Function<BenchResult, Double> value) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.unit = unit;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Unit unit() {
        return unit;
    }

    /** The figure in {@code result}, or null when it was not measured. */
    public Double of(final BenchResult result) {
        return value.apply(result);
    }

    private static Double boxed(final Long v) {
        return v == null ? null : v.doubleValue();
    }
}
