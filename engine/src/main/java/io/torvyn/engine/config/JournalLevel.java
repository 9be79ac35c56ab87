package io.torvyn.engine.config;

/** How much the journal records: nothing, every buffer operation, or operations plus source payloads. */
public enum JournalLevel {
    OFF("off"),
    OPS("ops"),
    PAYLOADS("payloads");

    private final String key;

    JournalLevel(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static JournalLevel fromKey(final String key) {
        for (final JournalLevel v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
