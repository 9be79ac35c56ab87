package io.torvyn.engine.config;

/**
 * Where an unpinned `shared` flow's stages run (`[runtime.scheduling] placement`): `measured` (the default) lets the
 * engine try its workers' layouts while the flow runs and keep the one that moves more elements; `planned` keeps each
 * stage on the contiguous slice the layout plan gives it, for runs that must not move.
 */
public enum StagePlacement {
    MEASURED("measured"),
    PLANNED("planned");

    private final String key;

    StagePlacement(final String key) {
        this.key = key;
    }

    /** The spelling used in `Torvyn.toml`. */
    public String key() {
        return key;
    }

    /** The constant spelled {@code key} in `Torvyn.toml`, or null. */
    public static StagePlacement fromKey(final String key) {
        for (final StagePlacement v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
