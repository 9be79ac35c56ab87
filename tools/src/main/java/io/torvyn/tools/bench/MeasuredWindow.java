package io.torvyn.tools.bench;

import io.torvyn.engine.error.Problem;
import io.torvyn.engine.topology.Topology;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything measured after the warm-up: counter differences, drained histograms, peaks sampled inside the window,
 * and how the window went (its length, how many runs it spanned, whether it ended early). Sums over several runs when
 * the flow ends on its own and bench starts it again. Filled by {@link BenchRunner}, read by {@link FigureCalculator}.
 */
public final class MeasuredWindow {
    private final Topology topology;
    private final Histogram latency = newHistogram();
    private final Histogram uncorrectedLatency = newHistogram();
    private final Histogram[] processingTime;
    private final long[] queuePeak;
    private final List<String> notes = new ArrayList<>();
    private CounterSnapshot counters;
    private long poolPeakBytes;
    private long heapPeakBytes;
    private long wasmPeakBytes;
    private long measuredNs;
    private int runs;
    private int runsEndedOnTheirOwn;
    private boolean cutShort;
    private Problem failure;

    public MeasuredWindow(final Topology topology) {
        this.topology = topology;
        this.processingTime = new Histogram[topology.nodes().size()];
        for (int i = 0; i < processingTime.length; i++) {
            processingTime[i] = newHistogram();
        }
        this.queuePeak = new long[topology.edges().size()];
    }

    static Histogram newHistogram() {
        return new Histogram(3);
    }

    void addRun(final CounterSnapshot delta, final long runNs) {
        counters = counters == null ? delta : counters.plus(delta);
        measuredNs += runNs;
        runs++;
    }

    void raiseQueuePeak(final int stream, final long peak) {
        queuePeak[stream] = Math.max(queuePeak[stream], peak);
    }

    void raiseMemory(final long poolBytes, final long heapBytes) {
        poolPeakBytes = Math.max(poolPeakBytes, poolBytes);
        heapPeakBytes = Math.max(heapPeakBytes, heapBytes);
    }

    void raiseWasmMemory(final long bytes) {
        wasmPeakBytes = Math.max(wasmPeakBytes, bytes);
    }

    void runEndedOnItsOwn() {
        runsEndedOnTheirOwn++;
    }

    void cutShort(final String why) {
        cutShort = true;
        notes.add(why);
    }

    void failed(final Problem problem) {
        failure = problem;
    }

    void note(final String note) {
        notes.add(note);
    }

    /** Adds {@code note} unless the window already has it (repeated runs of a flow that ends on its own). */
    void noteOnce(final String note) {
        if (note != null && !notes.contains(note)) {
            notes.add(note);
        }
    }

    public Topology topology() {
        return topology;
    }

    /** Counter differences over the window; all zeros when nothing was measured. */
    public CounterSnapshot counters() {
        return counters;
    }

    public boolean measuredAnything() {
        return counters != null;
    }

    /** Source (intended) emit to sink completion, every sink merged. */
    public Histogram latency() {
        return latency;
    }

    /** For rate-limited sources: from the actual emit time (not corrected for coordinated omission). */
    public Histogram uncorrectedLatency() {
        return uncorrectedLatency;
    }

    /** Per-element processing time of node {@code index}, excluding queue wait. */
    public Histogram processingTime(final int index) {
        return processingTime[index];
    }

    public long queuePeak(final int stream) {
        return queuePeak[stream];
    }

    /** Off-heap pool bytes at their peak in the window: tier stores plus the fallback peak. */
    public long poolPeakBytes() {
        return poolPeakBytes;
    }

    /** The highest JVM heap use sampled in the window. */
    public long heapPeakBytes() {
        return heapPeakBytes;
    }

    /**
     * The Wasm linear memories of all nodes together at their peak (0 for a flow of built-ins): each instance's memory
     * only grows, so its size when it ends is its peak.
     */
    public long wasmPeakBytes() {
        return wasmPeakBytes;
    }

    /** The window's length: running time of the flow after the warm-up, drain included. */
    public long measuredNs() {
        return measuredNs;
    }

    /** Runs the window spans (more than one when the flow ends on its own and is started again). */
    public int runs() {
        return runs;
    }

    public int runsEndedOnTheirOwn() {
        return runsEndedOnTheirOwn;
    }

    /** True when the window is shorter than asked (a failure, an interrupt, a flow that kept ending). */
    public boolean isCutShort() {
        return cutShort;
    }

    /** The failure that ended the window, or null. */
    public Problem failure() {
        return failure;
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }
}
