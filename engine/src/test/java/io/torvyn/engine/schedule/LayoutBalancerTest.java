package io.torvyn.engine.schedule;

import io.torvyn.engine.stage.Stage;
import org.junit.jupiter.api.Test;

import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The balancer's choices on a virtual clock: a fake flow moves elements at a rate that depends only on whether its
 * stages are all on one worker, so each test knows which layout should win.
 */
class LayoutBalancerTest {
    private static final int[] PLANNED = {0, 0, 1, 1, 1};
    private static final BalancerTuning TUNING = new BalancerTuning(20_000_000L, 10_000_000L, 2_000_000L,
        250_000_000L, 8_000_000_000L, 0.25);

    /** Elements per ns moved by the flow at virtual time {@code now}, on one worker or on the planned slices. */
    private interface Rates {
        double at(boolean colocated, long now);
    }

    /** Elements moved, integrated over virtual time at the rate of the board's current assignment. */
    private static final class FakeFlow implements LayoutBalancer.Pacer, LongSupplier {
        private final StageBoard board;
        private final Rates rates;
        private final long endNs;
        private long now;
        private double moved;

        FakeFlow(final StageBoard board, final double colocatedRate, final double plannedRate, final long endNs) {
            this(board, (colocated, t) -> colocated ? colocatedRate : plannedRate, endNs);
        }

        FakeFlow(final StageBoard board, final Rates rates, final long endNs) {
            this.board = board;
            this.rates = rates;
            this.endNs = endNs;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(final long ns) {
            final boolean colocated = java.util.Arrays.equals(board.assignment(), new int[PLANNED.length]);
            moved += ns * rates.at(colocated, now);
            now += ns;
        }

        @Override
        public long getAsLong() {
            return (long) moved;
        }

        boolean over() {
            return now >= endNs;
        }
    }

    private static StageBoard board() {
        return new StageBoard(new Stage[PLANNED.length], LayoutBalancer.colocatedStart(PLANNED.length), 2, true);
    }

    private static LayoutBalancer run(final StageBoard board, final FakeFlow flow) {
        final LayoutBalancer balancer = new LayoutBalancer(board, PLANNED, flow, flow::over, TUNING, flow);
        balancer.run();
        return balancer;
    }

    @Test
    void movesToThePlannedSlicesWhenTheyMoveMoreElements() {
        final StageBoard board = board();
        final LayoutBalancer balancer = run(board, new FakeFlow(board, 1.0, 2.0, 20_000_000_000L));
        assertFalse(balancer.colocated());
        assertArrayEquals(PLANNED, board.assignment());
        assertEquals(1, balancer.moves(), "moved once, then every later probe confirmed the planned slices");
        assertTrue(balancer.probes() >= 5, "probes keep coming at doubling intervals: " + balancer.probes());
    }

    @Test
    void keepsEveryStageOnOneWorkerWhenThatIsFaster() {
        final StageBoard board = board();
        final LayoutBalancer balancer = run(board, new FakeFlow(board, 2.0, 1.0, 20_000_000_000L));
        assertTrue(balancer.colocated());
        assertArrayEquals(new int[PLANNED.length], board.assignment(), "moved back after each probe");
        assertEquals(0, balancer.moves());
    }

    @Test
    void aFlowPacedByItsSourceStaysOnOneWorker() {
        final StageBoard board = board();
        final LayoutBalancer balancer = run(board, new FakeFlow(board, 1.0, 1.0, 20_000_000_000L));
        assertTrue(balancer.colocated());
        assertEquals(0, balancer.moves());
        assertTrue(balancer.probes() > 0);
    }

    @Test
    void slicesInsideTheMarginDoNotEarnASecondCore() {
        final StageBoard board = board();
        final LayoutBalancer balancer = run(board, new FakeFlow(board, 1.0, 1.2, 20_000_000_000L));
        assertTrue(balancer.colocated(), "20 % is inside the 25 % margin");
        assertEquals(0, balancer.moves());
        assertEquals(1.2e9, balancer.lastPlannedRate(), 1e6);
        assertEquals(1.0e9, balancer.lastColocatedRate(), 1e6);
    }

    @Test
    void aWindowThatCaughtTheFlowSpeedingUpDoesNotMoveIt() {
        final StageBoard board = board();
        // one worker speeds up from 1.0 to 2.0 just after the first probe measured it; the slices stay at 1.6
        final Rates rates = (colocated, t) -> colocated ? (t < 43_000_000L ? 1.0 : 2.0) : 1.6;
        final LayoutBalancer balancer = run(board, new FakeFlow(board, rates, 20_000_000_000L));
        assertTrue(balancer.colocated(), "the second window on one worker showed the slices were not faster");
        assertEquals(0, balancer.moves());
    }

    @Test
    void returnsToOneWorkerWhenTheSlicesStopPaying() {
        final StageBoard board = board();
        final Rates rates = (colocated, t) -> colocated ? 1.0 : (t < 2_000_000_000L ? 2.0 : 0.5);
        final LayoutBalancer balancer = run(board, new FakeFlow(board, rates, 20_000_000_000L));
        assertTrue(balancer.colocated());
        assertEquals(2, balancer.moves(), "to the slices, then back");
        assertArrayEquals(new int[PLANNED.length], board.assignment());
    }

    @Test
    void probesThinOutAsTheRunGoesOn() {
        final StageBoard board = board();
        final FakeFlow flow = new FakeFlow(board, 2.0, 1.0, 4_100_000_000L);
        final LayoutBalancer balancer = run(board, flow);
        // warm-up 20 ms, then probes of ~22 ms separated by 0.25, 0.5, 1 and 2 s: the fifth starts after ~3.9 s
        assertEquals(5, balancer.probes());
    }

    @Test
    void stopsWithoutProbingWhenTheFlowEndsDuringWarmUp() {
        final StageBoard board = board();
        final LayoutBalancer balancer = run(board, new FakeFlow(board, 1.0, 2.0, 10_000_000L));
        assertEquals(0, balancer.probes());
        assertTrue(balancer.colocated());
    }
}
