package io.torvyn.engine.schedule;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Chooses, by measuring the running flow, between its planned `shared` layout (contiguous slices over the workers)
 * and running every stage on one worker.
 * <p>
 * Why: spreading stages over cores pays only when their work outweighs what crossing cores costs. Every element that
 * moves between workers moves cache lines too (ring slots, the buffer's control word when the buffer is released on
 * the other core, the free list), and with shallow queues the two sides also wait on each other every few dozen
 * elements. For stages that only pass handles on, that is most of the cost: generator → 3 × forward → null on this
 * project's 2-core machines moved 5.5 M elements/s on one worker and 4.3 M/s on two. For stages that do real work
 * (a Wasm transform), two cores win. No fixed rule knows which case a flow is in, or what the machine charges for a
 * cache line, so the balancer tries both.
 * <p>
 * A probe measures the current layout over one window, moves the stages to the other layout, lets them settle, and
 * measures again; the other layout is kept only when it moved clearly more elements (by the tuning's margin), so a
 * flow whose rate is set by its source (a paced generator, a slow input) stays where it was planned. The first probe
 * comes right after a short warm-up and later ones at doubling intervals, so a run that changes character (JIT
 * warm-up, another process taking a core) is re-measured while the cost of probing fades. The balancer sleeps between
 * windows and reads only counters the stages already keep.
 */
public final class LayoutBalancer implements Runnable {

    /** The balancer's view of time, replaced in tests. */
    public interface Pacer {
        long nanoTime();

        /** Sleeps about {@code ns}; returns early only if the flow may have ended. */
        void sleep(long ns);
    }

    /** Real time: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    public static final Pacer REAL_TIME = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(final long ns) {
            LockSupport.parkNanos(ns);
        }
    };

    private static final long POLL_NS = 10_000_000L;

    private final StageBoard board;
    private final int[][] layouts;
    private final LongSupplier progress;
    private final BooleanSupplier stopped;
    private final BalancerTuning tuning;
    private final Pacer pacer;
    private volatile int current;
    private volatile int probes;
    private volatile int moves;

    /**
     * @param board    the flow's stages and their workers; at start every stage is on worker 0
     *                 ({@link #colocatedStart(int)})
     * @param planned  the planned worker of each stage (the slices of {@link LayoutPlanner})
     * @param progress a counter that grows with the elements the flow moves (read from another thread, so it may lag)
     * @param stopped  true once the flow is stopping or has ended: the balancer then leaves everything where it is
     */
    public LayoutBalancer(final StageBoard board, final int[] planned, final LongSupplier progress,
                          final BooleanSupplier stopped, final BalancerTuning tuning, final Pacer pacer) {
        this.board = board;
        this.layouts = new int[][] {colocatedStart(planned.length), planned.clone()};
        this.progress = progress;
        this.stopped = stopped;
        this.tuning = tuning;
        this.pacer = pacer;
    }

    /** True when a balancer can help: a `shared` flow with more than one worker and more than one stage. */
    public static boolean worthwhile(final StageBoard board) {
        return board.movable() && board.workers() > 1 && board.size() > 1;
    }

    /** The board's assignment at start: every stage on worker 0. */
    public static int[] colocatedStart(final int stages) {
        return new int[stages];
    }

    /** Whether every stage runs on one worker now (as last chosen). */
    public boolean colocated() {
        return current == 0;
    }

    /** Probes done so far. */
    public int probes() {
        return probes;
    }

    /** Times the balancer changed the layout and kept the change. */
    public int moves() {
        return moves;
    }

    @Override
    public void run() {
        if (!pause(tuning.warmupNs())) {
            return;
        }
        long interval = tuning.firstIntervalNs();
        while (!finished()) {
            if (!probe()) {
                return;
            }
            if (!pause(interval)) {
                return;
            }
            interval = Math.min(tuning.maxIntervalNs(), Math.max(interval * 2, 1));
        }
    }

    /** One probe; false when the flow ended during it. */
    private boolean probe() {
        final double here = measure();
        if (here < 0) {
            return false;
        }
        final int other = 1 - current;
        board.assign(layouts[other]);
        if (!pause(tuning.settleNs())) {
            return false;
        }
        final double there = measure();
        if (there < 0) {
            return false;
        }
        probes++;
        if (there > here * (1 + tuning.margin())) {
            current = other;
            moves++;
        } else {
            board.assign(layouts[current]);
        }
        return true;
    }

    /** Elements per ns over one window, or -1 when the flow ended meanwhile. */
    private double measure() {
        final long t0 = pacer.nanoTime();
        final long p0 = progress.getAsLong();
        if (!pause(tuning.windowNs())) {
            return -1;
        }
        final long t1 = pacer.nanoTime();
        final long p1 = progress.getAsLong();
        return t1 > t0 ? (double) (p1 - p0) / (t1 - t0) : 0;
    }

    /** Sleeps {@code ns} in short steps; false as soon as the flow is ending. */
    private boolean pause(final long ns) {
        final long end = pacer.nanoTime() + ns;
        while (true) {
            if (finished()) {
                return false;
            }
            final long left = end - pacer.nanoTime();
            if (left <= 0) {
                return true;
            }
            pacer.sleep(Math.min(left, POLL_NS));
        }
    }

    private boolean finished() {
        return stopped.getAsBoolean() || board.allClosed();
    }

    @Override
    public String toString() {
        return "LayoutBalancer{planned=" + Arrays.toString(layouts[1]) + ", colocated=" + colocated() + ", probes="
            + probes + ", moves=" + moves + "}";
    }
}
