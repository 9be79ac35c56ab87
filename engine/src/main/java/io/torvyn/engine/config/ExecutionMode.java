package io.torvyn.engine.config;

/** How stages get threads: `shared` workers run all stages cooperatively; `dedicated` gives each stage its own thread. */
public enum ExecutionMode {
    SHARED("shared"),
    DEDICATED("dedicated");

    private final String key;

    ExecutionMode(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static ExecutionMode fromKey(final String key) {
        for (final ExecutionMode v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
