package io.torvyn.engine.buffer;

/**
 * Bit layouts of a buffer handle and of the control word that guards each slot of the handle table.
 *
 * <p>A handle names a slot <em>and</em> the generation of that slot it was issued for. Every return of a buffer to
 * its pool bumps the slot's generation, so a handle kept past its release no longer matches and is refused
 * (E0303) instead of silently reading or writing whoever holds the slot next.
 *
 * <pre>
 * Handle (carried by stages, rings and the journal):
 *  63 62                              32 31                               0
 * +--+----------------------------------+----------------------------------+
 * |0 |         generation (31)          |            slot (32)             |
 * +--+----------------------------------+----------------------------------+
 *
 * Control word (one per slot, only ever changed by compare-and-set):
 *  63 62                              32 31    28 27                       0
 * +--+----------------------------------+--------+--------------------------+
 * |0 |         generation (31)          | state  |      references (28)     |
 * +--+----------------------------------+--------+--------------------------+
 * </pre>
 *
 * Generations run 1 .. 2^31-1 and wrap back to 1, so a live handle is never 0 and never negative. Putting the
 * generation, the ownership state and the reference count in one word makes "check the handle is current, then drop a
 * reference" a single atomic step: a stale release can never decrement a newer generation's count.
 */
public final class HandleDescriptor {
    /** No buffer. Never a live handle. */
    public static final long NULL_HANDLE = 0L;
    /** The first generation every slot starts with. */
    public static final int FIRST_GENERATION = 1;
    /** The largest generation before wrapping back to {@link #FIRST_GENERATION}. */
    public static final int MAX_GENERATION = Integer.MAX_VALUE;
    /** The most references one buffer can carry at once (fan-out is bounded far below this). */
    public static final int MAX_REFERENCES = (1 << 28) - 1;

    static final int GENERATION_SHIFT = 32;
    static final int STATE_SHIFT = 28;
    static final long STATE_MASK = 0xFL;
    static final long REFERENCE_MASK = MAX_REFERENCES;
    static final long SLOT_MASK = 0xFFFF_FFFFL;

    private HandleDescriptor() {
    }

    /** The handle of {@code slot} at {@code generation}. */
    public static long handle(final int slot, final int generation) {
        return ((long) generation << GENERATION_SHIFT) | (slot & SLOT_MASK);
    }

    /** The slot a handle names (may be out of range for a forged handle: callers check). */
    public static int slot(final long handle) {
        return (int) (handle & SLOT_MASK);
    }

    /** The generation a handle was issued for. */
    public static int generation(final long handle) {
        return (int) (handle >>> GENERATION_SHIFT);
    }

    /** The generation that follows {@code generation}, skipping 0. */
    public static int nextGeneration(final int generation) {
        return generation == MAX_GENERATION ? FIRST_GENERATION : generation + 1;
    }

    /** A human rendering for messages: {@code slot 12 gen 3}. */
    public static String describe(final long handle) {
        return "slot " + slot(handle) + " gen " + generation(handle);
    }

    static long control(final int generation, final int state, final int references) {
        return ((long) generation << GENERATION_SHIFT) | ((long) state << STATE_SHIFT) | references;
    }

    static int controlGeneration(final long control) {
        return (int) (control >>> GENERATION_SHIFT);
    }

    static int controlState(final long control) {
        return (int) ((control >>> STATE_SHIFT) & STATE_MASK);
    }

    static int controlReferences(final long control) {
        return (int) (control & REFERENCE_MASK);
    }
}
