package io.torvyn.engine.ring;

/**
 * One ring slot. It carries a buffer handle and the element's metadata, never payload bytes: moving an element between
 * stages costs a few stores, whatever its size. Slots are pre-allocated by the ring and overwritten in place.
 *
 * <pre>
 *   handle      long  generational buffer handle (0 for an end-of-stream marker)
 *   sequence    long  element sequence assigned when a source emitted it
 *   timestampNs long  source emit time (System.nanoTime), the start of flow.latency
 *   intendedNs  long  when a rate-limited source meant to emit it (coordinated-omission correction), else = timestamp
 *   flags       int   END_OF_STREAM
 * </pre>
 */
public final class ElementEvent {
    /** The producing stage will publish nothing more on this stream. */
    public static final int END_OF_STREAM = 1;

    public long handle;
    public long sequence;
    public long timestampNs;
    public long intendedNs;
    public int flags;

    public boolean isEndOfStream() {
        return (flags & END_OF_STREAM) != 0;
    }
}
