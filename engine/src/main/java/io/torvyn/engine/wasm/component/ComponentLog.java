package io.torvyn.engine.wasm.component;

import io.torvyn.engine.wasm.WasiLogSink;

import java.io.PrintStream;

/**
 * The log of one Wasm node: lines from the {@code log} import and WASI stdout/stderr, written to stderr with the node's
 * name, at most {@value #BURST} lines at once and {@value #PER_SECOND} per second after that, so a component logging
 * per element cannot flood the terminal or slow the flow down. Suppressed lines are counted and reported with the
 * next line that gets through. Costs nothing unless the component logs; used by the stage's thread.
 */
final class ComponentLog implements WasiLogSink {
    static final int BURST = 20;
    static final int PER_SECOND = 10;
    private static final long REFILL_NS = 1_000_000_000L / PER_SECOND;
    private static final String[] LEVELS = {"trace", "debug", "info", "warn", "error"};

    private final String node;
    private final PrintStream out;
    private long tokens = BURST;
    private long refilledAt = System.nanoTime();
    private long suppressed;

    ComponentLog(final String node, final PrintStream out) {
        this.node = node;
        this.out = out;
    }

    /** Takes one line's worth of budget; false when the line must be dropped (it is counted). */
    boolean admit() {
        final long now = System.nanoTime();
        final long earned = (now - refilledAt) / REFILL_NS;
        if (earned > 0) {
            tokens = Math.min(BURST, tokens + earned);
            refilledAt += earned * REFILL_NS;
        }
        if (tokens > 0) {
            tokens--;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Writes a line already admitted by {@link #admit()}. */
    void write(final int level, final String text) {
        final String lvl = level >= 0 && level < LEVELS.length ? LEVELS[level] : "level " + level;
        if (suppressed > 0) {
            out.println("torvyn: node `" + node + "`: " + suppressed + " log line(s) suppressed (rate limit)");
            suppressed = 0;
        }
        out.println("torvyn: node `" + node + "` " + lvl + ": " + text);
    }

    /** Lines dropped by the rate limit and not yet reported. */
    long suppressed() {
        return suppressed;
    }

    @Override
    public void line(final int level, final String line) {
        if (admit()) {
            write(level, line);
        }
    }
}
