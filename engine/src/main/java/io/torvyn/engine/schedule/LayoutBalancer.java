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
 * One worker is the default and the slices must earn their second core: a probe measures the current layout over one
 * window, moves the stages to the other, lets them settle and measures again, and the slices are kept only when they
 * moved more than {@code 1 + margin} times as many elements (confirmed against a second window on one worker). Short
 * windows on a shared machine are noisy; with a small margin the pass-through flow above went to the slices in 7 of
 * 12 rounds, on gains that were noise, and ran 20 % slower than on one worker. A flow whose rate is set by its source
 * (a paced generator, a slow input) measures the same either way and stays on one worker, using one core. The first
 * probe comes after a short warm-up and later ones at doubling intervals, so a run that changes character (JIT
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
    private volatile double lastColocatedRate;
    private volatile double lastPlannedRate;

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

    /** The board's assignment at start: every stage on worker 0. */
    public static int[] colocatedStart(final int stages) {
        return new int[stages];
    }

    /** Whether every stage runs on one worker now (as last chosen). */
    public boolean colocated() {
        return current == 0;
    }

    /** Elements moved per second by all stages together, every stage on one worker, in the last probe (0: none). */
    public double lastColocatedRate() {
        return lastColocatedRate * 1e9;
    }

    /** As {@link #lastColocatedRate()}, on the planned slices. */
    public double lastPlannedRate() {
        return lastPlannedRate * 1e9;
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

    /**
     * One probe; false when the flow ended during it. The planned slices must beat every stage on one worker by the
     * margin; when they seem to, one worker is measured once more after them and they must beat that too, so a
     * window that merely caught the flow speeding up (JIT, caches, a neighbour going quiet) does not move it.
     */
    private boolean probe() {
        final int other = 1 - current;
        final double here = measure();
        if (here < 0 || !moveTo(other)) {
            return false;
        }
        final double there = measure();
        if (there < 0) {
            return false;
        }
        double colocated = current == 0 ? here : there;
        final double planned = current == 0 ? there : here;
        boolean slices = planned > colocated * (1 + tuning.margin());
        if (slices && current == 0) {
            if (!moveTo(0)) {
                return false;
            }
            final double again = measure();
            if (again < 0) {
                return false;
            }
            colocated = Math.max(colocated, again);
            slices = planned > colocated * (1 + tuning.margin());
        }
        probes++;
        lastColocatedRate = colocated;
        lastPlannedRate = planned;
        final int chosen = slices ? 1 : 0;
        if (chosen != current) {
            moves++;
            current = chosen;
        }
        board.assign(layouts[chosen]);
        return true;
    }

    /** Moves the stages to layout {@code l} and lets them settle; false when the flow ended meanwhile. */
    private boolean moveTo(final int l) {
        board.assign(layouts[l]);
        return pause(tuning.settleNs());
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
        return stopped.getAsBoolean() || board.abandoned() || board.allClosed();
    }

    @Override
    public String toString() {
        return "LayoutBalancer{planned=" + Arrays.toString(layouts[1]) + ", colocated=" + colocated() + ", probes="
            + probes + ", moves=" + moves + "}";
    }
}
