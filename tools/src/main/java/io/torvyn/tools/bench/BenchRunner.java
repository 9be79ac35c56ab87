package io.torvyn.tools.bench;

import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.stage.Stage;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Drives the runs of one bench: warm up for {@code warmupNs}, then at the boundary snapshot every counter, drain the
 * histograms (discarded) and restart the peaks; measure for {@code durationNs} of running time; cancel the sources,
 * let the flow drain, and take the second snapshot. The figures are the differences.
 * <p>
 * A flow that ends on its own is started again (a fresh run each time, as {@code torvyn run} would), during the
 * warm-up and during the window, until the window is full: a finite flow such as a file ingest is measured over many
 * runs, and set-up time between runs is not counted. If runs keep ending without filling the window before the wall
 * clock passes the duration plus the larger of the duration and 10 s (runs that are mostly set-up), or one fails, the
 * window is reported as it is and says why.
 */
public final class BenchRunner {
    private static final long SAMPLE_NS = 20_000_000L;
    private static final long SWAP_WAIT_NS = 50_000_000L;
    private static final long RESTART_SLACK_NS = 10_000_000_000L;

    /** Hooks for tests that count independently what bench counts. */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** The warm-up of {@code run} has just ended: its counters were snapshotted a moment ago. */
        default void warmupEnded(final FlowRun run) {
        }

        /** {@code run} has finished; {@code measured} says whether any of it was inside the window. */
        default void runFinished(final FlowRun run, final boolean measured) {
        }
    }

    private final long warmupNs;
    private final long durationNs;
    private final Observer observer;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile boolean interrupted;
    private volatile FlowRun current;

    public BenchRunner(final long warmupNs, final long durationNs, final Observer observer) {
        if (durationNs <= 0) {
            throw new IllegalArgumentException("duration must be > 0");
        }
        this.warmupNs = Math.max(0, warmupNs);
        this.durationNs = durationNs;
        this.observer = observer;
    }

    /** Ctrl-C: cancels the current run; the window ends after its drain. */
    public void interrupt() {
        interrupted = true;
        final FlowRun run = current;
        if (run != null) {
            run.cancel();
        }
    }

    public boolean wasInterrupted() {
        return interrupted;
    }

    /**
     * Runs the bench. {@code runs} prepares a fresh run of the flow each time it is called; a preparation failure is
     * thrown as it is.
     */
    public MeasuredWindow measure(final Supplier<FlowRun> runs) throws InterruptedException {
        final long warmupEnd = System.nanoTime() + warmupNs;
        MeasuredWindow window = null;
        boolean measuring = warmupNs == 0;
        long windowWallStart = measuring ? System.nanoTime() : 0;
        long measuredNs = 0;
        while (true) {
            final FlowRun run = runs.get();
            current = run;
            if (window == null) {
                window = new MeasuredWindow(run.topology());
            }
            boolean inWindow = measuring;
            CounterSnapshot start = null;
            long startElapsed = 0;
            boolean cancelled = false;
            try {
                run.start();
                if (inWindow) {
                    start = CounterSnapshot.zero(run);
                }
                if (interrupted) {
                    run.cancel();
                    cancelled = true;
                }
                while (!run.await(SAMPLE_NS)) {
                    final long now = System.nanoTime();
                    if (!inWindow && now >= warmupEnd) {
                        start = CounterSnapshot.take(run);
                        startElapsed = run.elapsedNs();
                        observer.warmupEnded(run);
                        restartInterval(run);
                        inWindow = true;
                        measuring = true;
                        windowWallStart = now;
                    }
                    if (inWindow) {
                        sampleMemory(run, window);
                        if (!cancelled && measuredNs + run.elapsedNs() - startElapsed >= durationNs) {
                            run.cancel();
                            cancelled = true;
                        }
                    }
                    if (interrupted && !cancelled) {
                        run.cancel();
                        cancelled = true;
                    }
                }
                if (inWindow) {
                    sampleMemory(run, window);
                    final long runNs = run.elapsedNs() - startElapsed;
                    window.addRun(CounterSnapshot.take(run).minus(start), runNs);
                    window.noteOnce(run.placementNote());
                    drainFinished(run, window);
                    measuredNs += runNs;
                } else if (!measuring && System.nanoTime() >= warmupEnd) {
                    measuring = true;
                    windowWallStart = System.nanoTime();
                }
                observer.runFinished(run, inWindow);
            } finally {
                current = null;
                run.close();
            }
            final TorvynException failure = run.control().failure();
            if (failure != null) {
                window.failed(failure.problem());
                window.cutShort("the flow failed " + (inWindow ? "during the measured window" : "during the warm-up")
                    + " (" + failure.code() + "): figures cover the window up to the failure");
                return window;
            }
            if (interrupted) {
                window.cutShort("interrupted: figures cover the window up to the interrupt");
                return window;
            }
            if (cancelled) {
                return window;
            }
            window.runEndedOnItsOwn();
            if (measuring && measuredNs >= durationNs) {
                return window;
            }
            final long wallLimit = durationNs + Math.max(durationNs, RESTART_SLACK_NS);
            if (measuring && System.nanoTime() - windowWallStart >= wallLimit) {
                window.cutShort("the flow kept ending on its own: " + window.runs() + " runs gave "
                    + String.format(Locale.ROOT, "%.3f", measuredNs / 1e9) + " s of running time before the "
                    + "wall-clock limit (the duration plus the larger of the duration and 10 s); figures cover that "
                    + "time");
                return window;
            }
        }
    }

    /** Warm-up is discarded: histograms drained into nothing, peaks restarted at the current level. */
    private static void restartInterval(final FlowRun run) {
        final Histogram discard = MeasuredWindow.newHistogram();
        for (final Stage s : run.stages()) {
            final NodeStats st = s.stats();
            st.processingTime().drainInto(discard, SWAP_WAIT_NS);
            st.latency().drainInto(discard, SWAP_WAIT_NS);
            st.uncorrectedLatency().drainInto(discard, SWAP_WAIT_NS);
        }
        for (final Stream s : run.streams()) {
            s.stats().restartPeak(s.depthObserved());
        }
        run.pool().restartFallbackPeaks();
    }

    /** After the run's threads have ended: what its histograms hold since the boundary, and its peaks. */
    private static void drainFinished(final FlowRun run, final MeasuredWindow window) {
        long wasm = 0;
        for (final Stage s : run.stages()) {
            final NodeStats st = s.stats();
            wasm += st.memoryPeak();
            st.processingTime().drainStopped(window.processingTime(s.index()));
            st.latency().drainStopped(window.latency());
            st.uncorrectedLatency().drainStopped(window.uncorrectedLatency());
        }
        window.raiseWasmMemory(wasm);
        for (final Stream s : run.streams()) {
            window.raiseQueuePeak(s.index(), s.stats().peakDepth());
        }
    }

    private void sampleMemory(final FlowRun run, final MeasuredWindow window) {
        window.raiseMemory(run.pool().offHeapBytesPeak(), memory.getHeapMemoryUsage().getUsed());
    }
}
