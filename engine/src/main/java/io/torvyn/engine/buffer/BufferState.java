package io.torvyn.engine.buffer;

/**
 * The ownership states of a pooled buffer, as small ints so they fit the slot control word (see
 * {@link HandleDescriptor}).
 *
 * <pre>
 *            allocate                handOff                  last release
 *   POOLED ----------&gt; OWNED ------------------&gt; IN_TRANSIT ---------------&gt; RELEASED --&gt; POOLED
 *                        |  ^  takeOwnership (sole ref) |                      ^
 *                        |  +---------------------------+                      |
 *                        +-------------- release by owner / reclaim -----------+
 * </pre>
 *
 * Only OWNED buffers are writable, and only by their owner; every live state is readable.
 */
public final class BufferState {
    /** Free in its tier (or an unused fallback slot). */
    public static final int POOLED = 0;
    /** Held by one node, which alone may write it; counts against that node's budget. */
    public static final int OWNED = 1;
    /** Handed to the host and rings: read-only, reference-counted for fan-out. */
    public static final int IN_TRANSIT = 2;
    /** Being read by a consumer during a call. Reserved for per-call bookkeeping by the Wasm host. */
    public static final int BORROWED = 3;
    /** Transient: the last reference is gone and the slot is on its way back. */
    public static final int RELEASED = 4;

    private static final String[] NAMES = {"pooled", "owned", "in-transit", "borrowed", "released"};

    private BufferState() {
    }

    /** Whether a handle in this state may be read. */
    public static boolean isLive(final int state) {
        return state == OWNED || state == IN_TRANSIT || state == BORROWED;
    }

    /** The lower-case name of a state, or "unknown". */
    public static String name(final int state) {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "unknown";
    }
}
