package io.torvyn.engine.config;

/** What a producer does when an edge is at capacity. */
public enum BackpressurePolicy {
    BLOCK("block"),
    DROP_OLDEST("drop-oldest"),
    DROP_NEWEST("drop-newest"),
    ERROR("error");

    private final String key;

    BackpressurePolicy(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static BackpressurePolicy fromKey(final String key) {
        for (final BackpressurePolicy v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
