package io.torvyn.engine.wasm;

/**
 * Where a WASI component's stdout and stderr go: one call per line, stdout at level 2 (info) and stderr at level 3
 * (warn), the levels of the {@code log} import, so the engine's log sees WASI output and {@code log} alike.
 */
@FunctionalInterface
public interface WasiLogSink {

    int STDOUT_LEVEL = 2;
    int STDERR_LEVEL = 3;

    /** Drops everything; the default when a node does not care. */
    WasiLogSink DISCARD = (level, line) -> { };

    void line(int level, String line);
}
