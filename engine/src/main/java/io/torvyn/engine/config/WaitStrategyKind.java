package io.torvyn.engine.config;

/** What an idle stage thread does. `sleeping` (default) spins, yields, then parks briefly: it behaves on 2 cores; `busy-spin` is for pinned cores only. */
public enum WaitStrategyKind {
    SLEEPING("sleeping"),
    YIELDING("yielding"),
    BLOCKING("blocking"),
    BUSY_SPIN("busy-spin");

    private final String key;

    WaitStrategyKind(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static WaitStrategyKind fromKey(final String key) {
        for (final WaitStrategyKind v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
