package io.torvyn.engine.schedule;

import io.torvyn.engine.config.WaitStrategyKind;

/** Maps the configured wait strategy to a fresh per-thread {@link IdleStrategy}. */
public final class IdleStrategies {
    private IdleStrategies() {
    }

    public static IdleStrategy create(final WaitStrategyKind kind) {
        return create(kind, null);
    }

    /**
     * As {@link #create(WaitStrategyKind)}; {@code peers} (null for none) lets the default sleeping strategy stay
     * awake while another worker of the flow is busy.
     */
    public static IdleStrategy create(final WaitStrategyKind kind, final PeerActivity peers) {
        switch (kind) {
            case BUSY_SPIN:
                return new BusySpinIdle();
            case YIELDING:
                return new YieldingIdle();
            case BLOCKING:
                return new BlockingIdle();
            case SLEEPING:
            default:
                return new SleepingIdle(peers);
        }
    }
}
