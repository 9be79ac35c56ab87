package io.torvyn.engine.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded, lock-free, multi-producer multi-consumer queue of non-negative ints: the free list of one pool tier.
 * Buffers are allocated on producer stage threads and released on consumer stage threads, so both ends are contended;
 * this is D. Vyukov's bounded MPMC array queue, which never allocates and never boxes.
 *
 * <p>Each cell has a sequence number. A producer may fill cell {@code p & mask} when its sequence equals {@code p};
 * publishing sets it to {@code p + 1}, which is what a consumer at position {@code p} waits for; consuming sets it to
 * {@code p + capacity}, handing the cell to the producer one lap later. Claiming a position is one CAS on the head or
 * tail; the release/acquire pair on the cell sequence orders the value written with the value read.
 *
 * <p>Head and tail sit in one {@code long[]} 128 bytes apart (and 128 bytes from either end), so producers and
 * consumers do not false-share a cache line, nor with the neighbouring objects, even with adjacent-line prefetch.
 */
public final class MpmcIntQueue {
    /** What {@link #poll()} returns when the queue is empty. */
    public static final int EMPTY = -1;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PAD = 16;
    private static final int HEAD = PAD;
    private static final int TAIL = 2 * PAD;

    private final long[] positions = new long[3 * PAD + 1];
    private final long[] sequences;
    private final int[] values;
    private final int mask;

    /** A queue holding at least {@code minCapacity} values (rounded up to a power of two). */
    public MpmcIntQueue(final int minCapacity) {
        if (minCapacity < 1 || minCapacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in 1..2^30, found " + minCapacity);
        }
        final int capacity = Integer.highestOneBit(minCapacity) == minCapacity
            ? minCapacity : Integer.highestOneBit(minCapacity) << 1;
        this.sequences = new long[capacity];
        this.values = new int[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
        VarHandle.releaseFence();
    }

    /** Adds {@code value} (must be &gt;= 0); false when the queue is full. */
    public boolean offer(final int value) {
        long position = (long) LONGS.getVolatile(positions, TAIL);
        while (true) {
            final int index = (int) position & mask;
            final long sequence = (long) LONGS.getAcquire(sequences, index);
            final long lag = sequence - position;
            if (lag == 0) {
                if (LONGS.compareAndSet(positions, TAIL, position, position + 1)) {
                    values[index] = value;
                    LONGS.setRelease(sequences, index, position + 1);
                    return true;
                }
                position = (long) LONGS.getVolatile(positions, TAIL);
            } else if (lag < 0) {
                return false;
            } else {
                position = (long) LONGS.getVolatile(positions, TAIL);
            }
        }
    }

    /** Removes and returns the oldest value, or {@link #EMPTY}. */
    public int poll() {
        long position = (long) LONGS.getVolatile(positions, HEAD);
        while (true) {
            final int index = (int) position & mask;
            final long sequence = (long) LONGS.getAcquire(sequences, index);
            final long lag = sequence - (position + 1);
            if (lag == 0) {
                if (LONGS.compareAndSet(positions, HEAD, position, position + 1)) {
                    final int value = values[index];
                    LONGS.setRelease(sequences, index, position + mask + 1);
                    return value;
                }
                position = (long) LONGS.getVolatile(positions, HEAD);
            } else if (lag < 0) {
                return EMPTY;
            } else {
                position = (long) LONGS.getVolatile(positions, HEAD);
            }
        }
    }

    /** The number of values queued; exact when no thread is offering or polling, an estimate otherwise. */
    public int size() {
        while (true) {
            final long head = (long) LONGS.getVolatile(positions, HEAD);
            final long tail = (long) LONGS.getVolatile(positions, TAIL);
            if (head == (long) LONGS.getVolatile(positions, HEAD)) {
                return (int) Math.max(0, Math.min(tail - head, mask + 1L));
            }
        }
    }

    /** The fixed number of values this queue can hold. */
    public int capacity() {
        return mask + 1;
    }
}
