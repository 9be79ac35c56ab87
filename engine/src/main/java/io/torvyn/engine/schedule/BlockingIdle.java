package io.torvyn.engine.schedule;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks until a producer signals new work (or a short timeout passes, so paused stages and stop requests are seen).
 * Producers pay one volatile read per published batch, and an unpark only when this worker is actually parked.
 */
public final class BlockingIdle implements IdleStrategy {
    private static final int SPINS = 50;
    private static final long TIMEOUT_NS = 1_000_000;

    private volatile Thread parked;
    private int counter;

    @Override
    public void idle() {
        if (counter < SPINS) {
            counter++;
            Thread.onSpinWait();
            return;
        }
        parked = Thread.currentThread();
        LockSupport.parkNanos(this, TIMEOUT_NS);
        parked = null;
    }

    @Override
    public void reset() {
        counter = 0;
    }

    @Override
    public void signal() {
        final Thread t = parked;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean needsSignal() {
        return true;
    }
}
