package io.torvyn.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * A single-writer HdrHistogram pair with interval snapshots, for values recorded on the hot path (per-element
 * latency at a sink). Recording is a plain {@code recordValue} on the writer's active histogram: no atomic, no fence,
 * no allocation. A reader asks for a swap; the writer honours it at its next {@link #checkpoint()} (a stage calls it
 * once per batch), after which the inactive histogram belongs to the reader until its next request.
 * <p>
 * HdrHistogram's own {@code SingleWriterRecorder} pays two atomic increments per recorded value; at one value per
 * element that measured about 15 ns per value on this machine, most of the cost of latency recording.
 */
public final class IntervalHistogram {
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private Histogram[] pair;
    private int active;
    private volatile boolean swapRequested;
    private volatile int readable = -1;

    /** Writer: records one value (clamped into the trackable range). */
    public void record(final long value) {
        histograms()[active].recordValue(clamp(value));
    }

    /** Writer: records {@code count} values of {@code value}. */
    public void record(final long value, final long count) {
        histograms()[active].recordValueWithCount(clamp(value), count);
    }

    /** The pair is created on the first value: a node that never records (latency at a non-sink) costs nothing. */
    private Histogram[] histograms() {
        Histogram[] p = pair;
        if (p == null) {
            p = new Histogram[] {new Histogram(1, HIGHEST_NS, 3), new Histogram(1, HIGHEST_NS, 3)};
            pair = p;
        }
        return p;
    }

    /** Writer: hands the active histogram to a waiting reader, if one asked. One volatile read otherwise. */
    public void checkpoint() {
        if (swapRequested) {
            final Histogram[] p = histograms();
            final int full = active;
            final int next = full ^ 1;
            p[next].reset();
            active = next;
            readable = full;
            swapRequested = false;
        }
    }

    /**
     * Reader: the values recorded since the previous call, added into {@code into}. When the writer does not answer
     * within {@code waitNs} (it has stopped, or is idle between batches), the active histogram is read as it is: the
     * writer is then not recording, and a value racing with the copy is at worst counted in the next interval too.
     */
    public void drainInto(final Histogram into, final long waitNs) {
        readable = -1;
        swapRequested = true;
        final long deadline = System.nanoTime() + waitNs;
        while (readable < 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        final int r = readable;
        if (r >= 0) {
            into.add(pair[r]);
            return;
        }
        swapRequested = false;
        if (pair == null) {
            return;
        }
        final Histogram current = pair[active];
        into.add(current);
        current.reset();
    }

    /** Reader, after the writer thread has ended: everything recorded and not yet drained. */
    public void drainStopped(final Histogram into) {
        if (pair == null) {
            return;
        }
        into.add(pair[active]);
        pair[active].reset();
    }

    private static long clamp(final long v) {
        return v < 1 ? 1 : Math.min(v, HIGHEST_NS);
    }
}
