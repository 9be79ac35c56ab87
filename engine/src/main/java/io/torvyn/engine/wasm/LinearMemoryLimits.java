package io.torvyn.engine.wasm;

/**
 * The declared limits of a module's memory in 64 KiB pages. The memory cap of a node is enforced against these:
 * a minimum above the cap refuses the module (E0404), a maximum is what {@code memory.grow} may not pass.
 *
 * @param minPages initial pages
 * @param maxPages maximum pages, or {@link #NO_MAX}
 */
public record LinearMemoryLimits(long minPages, long maxPages) {

    public static final long PAGE_SIZE = 65_536;
    public static final long NO_MAX = -1;

    public boolean hasMax() {
        return maxPages != NO_MAX;
    }

    public long minBytes() {
        return minPages * PAGE_SIZE;
    }

    /** Maximum in bytes, or {@link #NO_MAX}. */
    public long maxBytes() {
        return hasMax() ? maxPages * PAGE_SIZE : NO_MAX;
    }
}
