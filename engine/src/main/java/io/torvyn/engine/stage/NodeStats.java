package io.torvyn.engine.stage;

import io.torvyn.engine.metrics.IntervalHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per-node counters and histograms of spec/observability.md (`component.*`, and `flow.latency` at sinks). Written
 * only by the node's stage thread: plain counter fields (progress readers may lag; final figures are read after the
 * thread is joined) and single-writer {@link IntervalHistogram}s that a reader drains in intervals (bench excludes
 * warm-up by draining at its end).
 * <p>
 * Latency is recorded once per element, from the element's intended emit time: for a rate-limited source that is the
 * coordinated-omission-corrected figure, for any other source the intended time is the emit time. Rate-limited
 * elements also go into an uncorrected histogram.
 * <p>
 * The counters are written once per batch by the stage's thread; the stats of neighbouring stages are allocated next
 * to each other and often run on different workers, so the counters are padded onto a cache line of their own.
 */
public final class NodeStats extends NodeStatsCounters {
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8;
    private final String node;
    private final IntervalHistogram processingTime = new IntervalHistogram();
    private final IntervalHistogram latency = new IntervalHistogram();
    private final IntervalHistogram uncorrectedLatency = new IntervalHistogram();

    private long memoryCurrent;
    private long memoryPeak;

    public NodeStats(final String node) {
        this.node = node;
    }

    public String node() {
        return node;
    }

    /** One component call that handled {@code elements} elements in {@code durationNs}. */
    public void recordInvocation(final int elements, final long durationNs) {
        invocations++;
        if (elements > 0) {
            processingTime.record(durationNs / elements, elements);
        }
    }

    /** {@code count} elements, all emitted at {@code emittedNs} and meant for {@code intendedNs}, completed now. */
    public void recordLatency(final long nowNs, final long emittedNs, final long intendedNs, final int count) {
        latency.record(nowNs - intendedNs, count);
        if (intendedNs != emittedNs) {
            uncorrectedLatency.record(nowNs - emittedNs, count);
        }
    }

    /** The stage's once-per-call point where readers' interval swaps are honoured. */
    void checkpoint() {
        processingTime.checkpoint();
        latency.checkpoint();
        uncorrectedLatency.checkpoint();
    }

    /** Errors the error policy survived outside any element (e.g. an aggregator's failed flush). */
    public void addErrors(final long n) {
        errors += n;
    }

    /** One metered Wasm call burnt {@code fuel} (each call has its own `fuel_per_invocation` budget). */
    public void addFuel(final long fuel) {
        fuelConsumed += fuel;
        meteredCalls++;
    }

    /** Metered Wasm calls: a per-element module is called once per element, a batch module once per batch. */
    public long meteredCalls() {
        return meteredCalls;
    }

    public void addLeaked(final long n) {
        leaked += n;
    }

    public long invocations() {
        return invocations;
    }

    public long elementsIn() {
        return elementsIn;
    }

    public long elementsOut() {
        return elementsOut;
    }

    public long errors() {
        return errors;
    }

    public long dropped() {
        return dropped;
    }

    /** A Wasm node's linear memory is {@code bytes} now (`component.memory_current`). */
    public void observeMemory(final long bytes) {
        memoryCurrent = bytes;
        if (bytes > memoryPeak) {
            memoryPeak = bytes;
        }
    }

    /** The linear-memory size last reported by this node's Wasm instance; 0 for built-ins. */
    public long memoryCurrent() {
        return memoryCurrent;
    }

    /** The largest linear memory this node's Wasm instances reached (`component.memory_peak`); 0 for built-ins. */
    public long memoryPeak() {
        return memoryPeak;
    }

    public long fuelConsumed() {
        return fuelConsumed;
    }

    public long leaked() {
        return leaked;
    }

    /** Per-element processing time (excluding queue wait). */
    public IntervalHistogram processingTime() {
        return processingTime;
    }

    /** Source emit (or intended emit) to sink completion; empty for non-sinks. */
    public IntervalHistogram latency() {
        return latency;
    }

    /** For rate-limited sources only: latency from the actual emit time. */
    public IntervalHistogram uncorrectedLatency() {
        return uncorrectedLatency;
    }

    /** Convenience for tests and reports after the run: everything recorded and not yet drained. */
    public Histogram latencySnapshot() {
        final Histogram h = new Histogram(3);
        latency.drainStopped(h);
        return h;
    }
}

/** The per-batch counters of {@link NodeStats}, after the left padding. */
class NodeStatsCounters extends NodeStatsPadding {
    long invocations;
    long elementsIn;
    long elementsOut;
    long errors;
    long dropped;
    long fuelConsumed;
    long meteredCalls;
    long leaked;
}

/** Left padding of {@link NodeStats}'s counters. */
class NodeStatsPadding {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8;
}
