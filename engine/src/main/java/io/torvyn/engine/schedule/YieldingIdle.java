package io.torvyn.engine.schedule;

/** Spins briefly, then yields the core on every idle round: low latency while sharing cores politely. */
public final class YieldingIdle implements IdleStrategy {
    private static final int SPINS = 100;
    private int counter;

    @Override
    public void idle() {
        if (counter < SPINS) {
            counter++;
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    @Override
    public void reset() {
        counter = 0;
    }
}
