package io.torvyn.engine.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer multi-consumer queue of non-negative ints, without locks, allocation or boxing: the free
 * list of one pool tier. Buffers are allocated on producer stage threads and released on consumer stage threads, so
 * both ends are contended. This is D. Vyukov's bounded MPMC array queue.
 *
 * <p>Each cell has a sequence number. A producer may fill cell {@code p & mask} when its sequence equals {@code p};
 * publishing sets it to {@code p + 1}, which is what a consumer at position {@code p} waits for; consuming sets it to
 * {@code p + capacity}, handing the cell to the producer one lap later. Claiming a position is one CAS on the head or
 * tail; the release/acquire pair on the cell sequence orders the value written with the value read.
 *
 * <p>Unlike the textbook version, which answers "full" or "empty" whenever the next cell is still held by a peer
 * between its claim and its publish, this queue reports full only when it holds {@link #capacity()} values and empty
 * only when no offer is in flight: a free list sized exactly to its buffers must never fail a return, and a momentary
 * race must not look like pool exhaustion. In those windows it waits for the peer (spinning, then yielding).
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
    private static final int SPINS_BEFORE_YIELD = 100;

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

    /** Adds {@code value} (must be &gt;= 0); false only when the queue really holds {@link #capacity()} values. */
    public boolean offer(final int value) {
        long position = (long) LONGS.getVolatile(positions, TAIL);
        int spins = 0;
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
            } else if (lag < 0) {
                if (position - (long) LONGS.getVolatile(positions, HEAD) >= values.length) {
                    return false;
                }
                spins = backOff(spins);
            }
            position = (long) LONGS.getVolatile(positions, TAIL);
        }
    }

    /** Removes and returns the oldest value, or {@link #EMPTY} only when no value is queued or being queued. */
    public int poll() {
        long position = (long) LONGS.getVolatile(positions, HEAD);
        int spins = 0;
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
            } else if (lag < 0) {
                if ((long) LONGS.getVolatile(positions, TAIL) <= position) {
                    return EMPTY;
                }
                spins = backOff(spins);
            }
            position = (long) LONGS.getVolatile(positions, HEAD);
        }
    }

    /**
     * A peer has claimed the cell we need and not yet published it: wait the few instructions it takes, yielding the
     * core if the peer seems to have been descheduled in between (likely when threads outnumber cores).
     */
    private static int backOff(final int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
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
