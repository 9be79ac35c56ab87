package io.torvyn.engine.config;

/** How much is measured: summary counters only, all metrics with per-batch timing, or per-element timing too. */
public enum ObservabilityLevel {
    OFF("off"),
    PRODUCTION("production"),
    DIAGNOSTIC("diagnostic");

    private final String key;

    ObservabilityLevel(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static ObservabilityLevel fromKey(final String key) {
        for (final ObservabilityLevel v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
