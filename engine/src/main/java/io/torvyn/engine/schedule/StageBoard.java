package io.torvyn.engine.schedule;

import io.torvyn.engine.stage.Stage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Which worker runs each stage of a flow, so that a {@link LayoutBalancer} can move stages between the workers of a
 * running flow without ever letting two threads run one stage.
 * <p>
 * Two words per stage: {@code assigned}, where the balancer wants the stage, and {@code runner}, the one worker that
 * may run it now. Only the runner changes {@code runner}: between two calls of the stage it sees that the stage is
 * assigned elsewhere and hands it over with a release store, and the new runner takes it with an acquire load. So
 * everything the old runner did to the stage (component state, counters, histograms, its ring positions)
 * happens-before the new runner's first call, and each stage keeps a single thread at a time, which is all the
 * single-writer rings and counters need. A stage that has ended is marked {@link #CLOSED} by its last runner.
 * <p>
 * Workers read both words of every stage once per round: plain loads of lines that are written only when a stage
 * moves, so they stay shared in every core's cache and cost nothing measurable.
 */
public final class StageBoard {
    /** The runner word of a stage that has ended and been closed. */
    public static final int CLOSED = -1;

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle THREADS = MethodHandles.arrayElementVarHandle(Thread[].class);

    private final Stage[] stages;
    private final int[] assigned;
    private final int[] runner;
    private final int[] retired;
    private final Thread[] threads;
    private final int workers;
    private final boolean movable;
    private volatile boolean abandoned;

    /**
     * @param stages   the flow's stages in topological order
     * @param initial  the worker of each stage at start ({@code 0 .. workers-1})
     * @param workers  how many workers share the board
     * @param movable  whether stages may be moved during the run: when not, a worker whose stages have all ended
     *                 stops at once instead of waiting for the flow to end
     */
    public StageBoard(final Stage[] stages, final int[] initial, final int workers, final boolean movable) {
        checkLayout(initial, stages.length, workers);
        this.stages = stages.clone();
        this.assigned = initial.clone();
        this.runner = initial.clone();
        this.retired = new int[workers];
        this.threads = new Thread[workers];
        this.workers = workers;
        this.movable = movable;
        VarHandle.releaseFence();
    }

    private static void checkLayout(final int[] layout, final int stages, final int workers) {
        if (layout.length != stages) {
            throw new IllegalArgumentException("one worker per stage: " + stages + " stages, " + layout.length
                + " workers given");
        }
        for (final int w : layout) {
            if (w < 0 || w >= workers) {
                throw new IllegalArgumentException("worker " + w + " outside 0.." + (workers - 1));
            }
        }
    }

    public int size() {
        return stages.length;
    }

    public int workers() {
        return workers;
    }

    /** True when a balancer may move stages during the run. */
    public boolean movable() {
        return movable;
    }

    public Stage stage(final int i) {
        return stages[i];
    }

    /** The worker that may run stage {@code i} now, or {@link #CLOSED}. */
    public int runnerOf(final int i) {
        return (int) WORDS.getAcquire(runner, i);
    }

    /** The worker stage {@code i} should move to (its runner once the move is done). */
    public int assignedTo(final int i) {
        return (int) WORDS.getOpaque(assigned, i);
    }

    /**
     * Asks for {@code layout} (a worker per stage); each runner hands its stages over between two calls. Called by the
     * balancer only.
     */
    public void assign(final int[] layout) {
        checkLayout(layout, stages.length, workers);
        for (int i = 0; i < layout.length; i++) {
            WORDS.setRelease(assigned, i, layout[i]);
        }
        wakeAll();
    }

    private void wakeAll() {
        for (int w = 0; w < workers; w++) {
            wake(w);
        }
    }

    private void wake(final int w) {
        final Thread t = (Thread) THREADS.getAcquire(threads, w);
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Worker {@code w} runs on the calling thread: a new assignment wakes it if it sleeps with nothing to run. */
    void attach(final int w) {
        THREADS.setRelease(threads, w, Thread.currentThread());
    }

    /** The current assignment (what was last asked for, not necessarily done yet). */
    public int[] assignment() {
        final int[] copy = new int[stages.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = assignedTo(i);
        }
        return copy;
    }

    /** True when every stage is where it is assigned (or closed). */
    public boolean settled() {
        for (int i = 0; i < stages.length; i++) {
            final int r = runnerOf(i);
            if (r != CLOSED && r != assignedTo(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The run is over for the board's owner even if some stage never closed (a stage stuck in a call after the drain
     * grace): workers with nothing to run stop instead of waiting for it.
     */
    public void abandon() {
        abandoned = true;
        wakeAll();
    }

    /** True once {@link #abandon()} was called. */
    public boolean abandoned() {
        return abandoned;
    }

    /** True once every stage has ended and been closed. */
    public boolean allClosed() {
        for (int i = 0; i < stages.length; i++) {
            if (runnerOf(i) != CLOSED) {
                return false;
            }
        }
        return true;
    }

    /** The current runner of stage {@code i} gives it to worker {@code to}; called by that runner only. */
    void handOver(final int i, final int to) {
        WORDS.setRelease(runner, i, to);
        wake(to);
    }

    /**
     * Worker {@code w} has stopped for good (an internal error): no stage is handed to it any more, and the stages
     * assigned to it stay with whoever runs them, so the flow can still drain.
     */
    void retire(final int w) {
        WORDS.setRelease(retired, w, 1);
    }

    /** True when worker {@code w} has stopped for good. */
    boolean isRetired(final int w) {
        return (int) WORDS.getAcquire(retired, w) != 0;
    }

    /** The runner has closed stage {@code i}; nobody runs it again. */
    void closed(final int i) {
        WORDS.setRelease(runner, i, CLOSED);
        if (allClosed()) {
            wakeAll();
        }
    }
}
