package io.torvyn.engine.ring;

/**
 * Per-stream counters of spec/observability.md (`stream.*`). Written only by the producing stage's thread, so they are
 * plain fields: progress readers may see a slightly stale value, and final figures are read after the stage thread
 * has been joined.
 */
public final class StreamStats {
    private final String label;
    private final int capacity;

    long transferred;
    long peakDepth;
    long backpressureEvents;
    long backpressureNs;
    long dropped;
    private long backpressureStartNs;
    private boolean backpressureActive;

    StreamStats(final String label, final int capacity) {
        this.label = label;
        this.capacity = capacity;
    }

    void onPublished(final long count, final long depth) {
        transferred += count;
        if (depth > peakDepth) {
            peakDepth = depth;
        }
    }

    /** A producer found this stream full and its policy took effect. */
    public void backpressureOn(final long nowNs) {
        backpressureEvents++;
        backpressureStartNs = nowNs;
        backpressureActive = true;
    }

    /** The stream drained to its low watermark. */
    public void backpressureOff(final long nowNs) {
        backpressureNs += nowNs - backpressureStartNs;
        backpressureActive = false;
    }

    public boolean inBackpressure() {
        return backpressureActive;
    }

    public void onDropped() {
        dropped++;
    }

    public String label() {
        return label;
    }

    public int capacity() {
        return capacity;
    }

    public long transferred() {
        return transferred;
    }

    /** The deepest the queue was right after a publish, since the start or the last {@link #restartPeak(long)}. */
    public long peakDepth() {
        return peakDepth;
    }

    /**
     * Reader: starts a new peak interval at {@code depthNow} (bench excludes its warm-up this way). A plain store
     * racing with the producer's compare-and-raise can at worst keep a depth published at the boundary itself.
     */
    public void restartPeak(final long depthNow) {
        peakDepth = depthNow;
    }

    public long backpressureEvents() {
        return backpressureEvents;
    }

    /** Total stall time, including a stall still in progress at {@code nowNs}. */
    public long backpressureNs(final long nowNs) {
        return !backpressureActive ? backpressureNs : backpressureNs + (nowNs - backpressureStartNs);
    }

    public long dropped() {
        return dropped;
    }
}
