package io.torvyn.engine.schedule;

import java.util.concurrent.locks.LockSupport;

/**
 * The default: spin, then yield, then park for the shortest time the OS offers (tens of µs on Linux). On a 2-core
 * machine this measured ~6× faster than busy-spin with more threads than cores (stack.md), because an idle worker
 * gives its core back instead of starving the thread that has work. Given the flow's {@link PeerActivity}, it stays
 * in the yield phase while another worker is busy and parks only when the whole flow is idle.
 */
public final class SleepingIdle implements IdleStrategy {
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final long PARK_NS = 100;
    private final PeerActivity peers;
    private int counter;

    /** The plain back-off: spin, yield, park. */
    public SleepingIdle() {
        this(null);
    }

    /**
     * As {@link #SleepingIdle()}, but never parks while another worker of the flow is busy (see
     * {@link PeerActivity}); null for the plain back-off.
     */
    public SleepingIdle(final PeerActivity peers) {
        this.peers = peers;
    }

    @Override
    public void idle() {
        if (counter < SPINS) {
            counter++;
            Thread.onSpinWait();
        } else if (counter < SPINS + YIELDS) {
            counter++;
            Thread.yield();
        } else if (peers != null && peers.anyBusy()) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NS);
        }
    }

    /** True when the next {@link #idle()} parks the thread (the back-off is used up and no peer is busy). */
    boolean parksNext() {
        return counter >= SPINS + YIELDS && (peers == null || !peers.anyBusy());
    }

    @Override
    public void reset() {
        counter = 0;
    }
}
