package io.torvyn.engine.component;

import java.util.Arrays;
import java.util.Objects;

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
    private int ownedCount;
    private int otherPortCount;

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
        ownedCount = 0;
        otherPortCount = 0;
    }

    public int count() {
        return count;
    }

    /** Passes input {@code i} on unchanged to the ports in {@code portMask}: a handle move, zero copies. */
    public void forward(final ElementBatch in, final int i, final int portMask) {
        in.markPassedOn(i);
        add(in.handle(i), in.sequence(i), in.timestampNs(i), in.intendedNs(i), portMask, false);
    }

    /**
     * Passes inputs {@code [from, to)} on unchanged to the ports in {@code portMask}, in order: what calling
     * {@link #forward} for each of them does, with a few bulk copies instead of a call per element.
     */
    public void forwardAll(final ElementBatch in, final int from, final int to, final int portMask) {
        Objects.checkFromToIndex(from, to, in.end());
        final int n = to - from;
        if (n == 0) {
            return;
        }
        while (count + n > handles.length) {
            grow();
        }
        System.arraycopy(in.handles(), from, handles, count, n);
        System.arraycopy(in.sequences(), from, sequences, count, n);
        System.arraycopy(in.timestamps(), from, timestamps, count, n);
        System.arraycopy(in.intended(), from, intended, count, n);
        Arrays.fill(masks, count, count + n, portMask);
        Arrays.fill(owned, count, count + n, false);
        if (portMask != DEFAULT_PORT) {
            otherPortCount += n;
        }
        count += n;
        in.markPassedOn(from, to);
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
        if (isOwned) {
            ownedCount++;
        }
        if (portMask != DEFAULT_PORT) {
            otherPortCount++;
        }
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

    /** True when every output since the last {@link #clear()} goes to the default port only. */
    public boolean allToDefaultPort() {
        return otherPortCount == 0;
    }

    /** True when some output since the last {@link #clear()} is a new buffer ({@link #isOwned}). */
    public boolean anyOwned() {
        return ownedCount > 0;
    }

    /** True for a new buffer still owned by the emitting component (the stage hands it off before publishing). */
    public boolean isOwned(final int i) {
        return owned[i];
    }
}
