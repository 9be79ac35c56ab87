package io.torvyn.engine.buffer;

/**
 * A stage's private stash of free slots per tier (a "magazine"), so allocation and release touch the shared free
 * list once per batch instead of once per buffer. Elements flow from sources (which allocate) to sinks (which release),
 * usually on different cores: without the stash every buffer moved the shared list's top word between the two cores,
 * twice. With it, a sink returns half a stash in one burst and a source takes half a stash in one burst.
 * <p>
 * Single-threaded: used only through its {@link BufferClient}, by the one thread running that client's stage. At most
 * {@code count / 16} (and 64) slots of a tier wait in one stash, so a flow's stashes never hide a large share of a
 * tier from an allocating stage; tiers of fewer than 32 buffers are not stashed at all.
 */
final class SlotCache {
    static final int EMPTY = -1;
    private static final int MAX = 64;

    private final int[][] slots;
    private final int[] counts;

    SlotCache(final int[] tierCounts) {
        slots = new int[tierCounts.length][];
        counts = new int[tierCounts.length];
        for (int t = 0; t < tierCounts.length; t++) {
            final int capacity = Math.min(MAX, tierCounts[t] / 16);
            slots[t] = new int[capacity >= 2 ? capacity : 0];
        }
    }

    int capacity(final int tier) {
        return slots[tier].length;
    }

    int count(final int tier) {
        return counts[tier];
    }

    int pop(final int tier) {
        final int n = counts[tier];
        if (n == 0) {
            return EMPTY;
        }
        counts[tier] = n - 1;
        return slots[tier][n - 1];
    }

    /** Moves the slots above the first {@code keep} to {@code shared} in one burst (one compare-and-set). */
    boolean spillAbove(final int tier, final int keep, final IntFreeStack shared) {
        final int n = counts[tier];
        if (n <= keep) {
            return true;
        }
        if (!shared.offerAll(slots[tier], keep, n - keep)) {
            return false;
        }
        counts[tier] = keep;
        return true;
    }

    /**
     * Takes up to {@code max} slots from {@code shared} in one burst and returns the first of them (the one freed last,
     * so the most likely to be in cache) for the caller; the others stay stashed, popped in the order they came.
     *
     * @return a slot, or {@link #EMPTY} when {@code shared} is empty
     */
    int refillFrom(final int tier, final int max, final IntFreeStack shared) {
        final int n = counts[tier];
        final int[] s = slots[tier];
        final int taken = shared.pollAll(s, n, Math.min(max, s.length - n));
        if (taken == 0) {
            return EMPTY;
        }
        final int first = s[n];
        System.arraycopy(s, n + 1, s, n, taken - 1);
        counts[tier] = n + taken - 1;
        return first;
    }

    /** The {@code k}-th stashed slot of {@code tier} (0 = the one popped last). */
    int peek(final int tier, final int k) {
        return slots[tier][k];
    }

    boolean push(final int tier, final int slot) {
        final int n = counts[tier];
        final int[] s = slots[tier];
        if (n == s.length) {
            return false;
        }
        s[n] = slot;
        counts[tier] = n + 1;
        return true;
    }
}
