package io.torvyn.engine.schedule;

/** Spins on the CPU: the lowest latency, and only sane with one pinned core per spinning thread. */
public final class BusySpinIdle implements IdleStrategy {
    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
    }
}
