package io.torvyn.engine.stage;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Per-node counters and histograms of spec/observability.md (`component.*`, and `flow.latency` at sinks). Written
 * only by the node's stage thread: plain counter fields (progress readers may lag; final figures are read after the
 * thread is joined) and HdrHistogram single-writer recorders, which record wait-free and let a reader take stable
 * interval snapshots (bench excludes warm-up by taking one at the end of it).
 */
public final class NodeStats {
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final String node;
    private final SingleWriterRecorder processingTime = new SingleWriterRecorder(HIGHEST_NS, 3);
    private final SingleWriterRecorder latency = new SingleWriterRecorder(HIGHEST_NS, 3);
    private final SingleWriterRecorder correctedLatency = new SingleWriterRecorder(HIGHEST_NS, 3);

    long invocations;
    long elementsIn;
    long elementsOut;
    long errors;
    long dropped;
    long fuelConsumed;
    long leaked;

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
            processingTime.recordValueWithCount(Math.max(0, Math.min(durationNs / elements, HIGHEST_NS)), elements);
        }
    }

    /** Source emit to sink completion, and the same from the intended emit time for rate-limited sources. */
    public void recordLatency(final long latencyNs, final long correctedNs) {
        latency.recordValue(Math.max(0, Math.min(latencyNs, HIGHEST_NS)));
        correctedLatency.recordValue(Math.max(0, Math.min(correctedNs, HIGHEST_NS)));
    }

    /** Errors the error policy survived outside any element (e.g. an aggregator's failed flush). */
    public void addErrors(final long n) {
        errors += n;
    }

    public void addFuel(final long fuel) {
        fuelConsumed += fuel;
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

    public long fuelConsumed() {
        return fuelConsumed;
    }

    public long leaked() {
        return leaked;
    }

    public void addLeaked(final long n) {
        leaked += n;
    }

    /** Processing time per element since the last call (interval histogram). */
    public Histogram takeProcessingTime(final Histogram recycle) {
        return processingTime.getIntervalHistogram(recycle);
    }

    public Histogram takeLatency(final Histogram recycle) {
        return latency.getIntervalHistogram(recycle);
    }

    public Histogram takeCorrectedLatency(final Histogram recycle) {
        return correctedLatency.getIntervalHistogram(recycle);
    }
}
