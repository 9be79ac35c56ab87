package io.torvyn.engine.config;

/** What an allocation does when its tier has no free buffer. */
public enum ExhaustionPolicy {
    FALLBACK_ALLOC("fallback-alloc"),
    ERROR("error");

    private final String key;

    ExhaustionPolicy(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static ExhaustionPolicy fromKey(final String key) {
        for (final ExhaustionPolicy v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
