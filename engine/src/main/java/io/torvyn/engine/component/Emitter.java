package io.torvyn.engine.component;

import java.util.Arrays;

/**
 * The output side of one component call. An output is a handle plus metadata plus a port mask (bit i = the node's
 * output port i; non-routers have the single port 0). Pre-allocated and reused; it grows only when a component emits
 * unusually many outputs in one call.
 */
public final class Emitter {
    /** The mask of a non-router's single output port. */
    public static final int DEFAULT_PORT = 1;

    private long[] handles;
    private long[] sequences;
    private long[] timestamps;
    private long[] intended;
    private int[] masks;
    private boolean[] owned;
    private int count;

    public Emitter(final int capacity) {
        handles = new long[capacity];
        sequences = new long[capacity];
        timestamps = new long[capacity];
        intended = new long[capacity];
        masks = new int[capacity];
        owned = new boolean[capacity];
    }

    public void clear() {
        count = 0;
    }

    public int count() {
        return count;
    }

    /** Passes input {@code i} on unchanged to the ports in {@code portMask}: a handle move, zero copies. */
    public void forward(final ElementBatch in, final int i, final int portMask) {
        in.markPassedOn(i);
        add(in.handle(i), in.sequence(i), in.timestampNs(i), in.intendedNs(i), portMask, false);
    }

    /** Emits a buffer the component allocated and owns; ownership moves to the host. */
    public void emitNew(final long handle, final long sequence, final long timestampNs, final long intendedNs,
                        final int portMask) {
        add(handle, sequence, timestampNs, intendedNs, portMask, true);
    }

    private void add(final long handle, final long sequence, final long timestampNs, final long intendedNs,
                     final int portMask, final boolean isOwned) {
        if (count == handles.length) {
            grow();
        }
        handles[count] = handle;
        sequences[count] = sequence;
        timestamps[count] = timestampNs;
        intended[count] = intendedNs;
        masks[count] = portMask;
        owned[count] = isOwned;
        count++;
    }

    private void grow() {
        final int n = handles.length * 2;
        handles = Arrays.copyOf(handles, n);
        sequences = Arrays.copyOf(sequences, n);
        timestamps = Arrays.copyOf(timestamps, n);
        intended = Arrays.copyOf(intended, n);
        masks = Arrays.copyOf(masks, n);
        owned = Arrays.copyOf(owned, n);
    }

    public long handle(final int i) {
        return handles[i];
    }

    public long sequence(final int i) {
        return sequences[i];
    }

    public long timestampNs(final int i) {
        return timestamps[i];
    }

    public long intendedNs(final int i) {
        return intended[i];
    }

    public int portMask(final int i) {
        return masks[i];
    }

    /** True for a new buffer still owned by the emitting component (the stage hands it off before publishing). */
    public boolean isOwned(final int i) {
        return owned[i];
    }
}
