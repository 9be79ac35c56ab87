package io.torvyn.engine.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free LIFO free list of slot ids (a Treiber stack over an int array, no nodes, no allocation). A tier's free
 * list is a stack rather than a queue for cache reasons: the buffer released last is allocated next, so in a steady
 * flow the same few slots (their control words, metadata and payload bytes) stay hot in cache. A FIFO queue cycles
 * through every slot of the tier and measured about 40 % of the allocate/write/release cost in cache misses.
 * <p>
 * The top word packs a 32-bit version tag with the top slot (+1, 0 = empty); every successful push or pop bumps the
 * tag, so a thread that read the top before a pop-push of the same slot fails its compare-and-set (no ABA).
 * {@link #size()} walks the list and is exact only while no other thread changes it (reports, end-of-run checks).
 */
public final class IntFreeStack {
    /** Returned by {@link #poll()} when the stack is empty. */
    public static final int EMPTY = -1;

    private static final VarHandle TOP;

    static {
        try {
            TOP = MethodHandles.lookup().findVarHandle(IntFreeStack.class, "top", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int base;
    private final int[] next;
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    private volatile long top;
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;

    /** A stack for the ids {@code [base, base + capacity)}. */
    public IntFreeStack(final int base, final int capacity) {
        if (capacity < 1 || base < 0) {
            throw new IllegalArgumentException("need base >= 0 and capacity >= 1, found " + base + ", " + capacity);
        }
        this.base = base;
        this.next = new int[capacity];
    }

    public int capacity() {
        return next.length;
    }

    /** Pushes an id of this stack's range; false for an id outside it. Each id is in the stack at most once. */
    public boolean offer(final int slotId) {
        final int id = slotId - base;
        if (id < 0 || id >= next.length) {
            return false;
        }
        while (true) {
            final long t = top;
            next[id] = (int) t;
            if (TOP.compareAndSet(this, t, ((t >>> 32) + 1) << 32 | (id + 1L))) {
                return true;
            }
        }
    }

    /** Pops the most recently pushed id, or {@link #EMPTY}. */
    public int poll() {
        while (true) {
            final long t = top;
            final int head = (int) t;
            if (head == 0) {
                return EMPTY;
            }
            final int id = head - 1;
            final int below = next[id];
            if (TOP.compareAndSet(this, t, ((t >>> 32) + 1) << 32 | (below & 0xffffffffL))) {
                return base + id;
            }
        }
    }

    /**
     * Pushes {@code count} ids of this stack's range, {@code ids[from ..]}, with one compare-and-set: the chain is
     * linked privately first, so a stage giving back a batch of free slots moves the shared top word once, not once
     * per slot. The ids must not be in the stack.
     *
     * @return false (and nothing pushed) when an id is outside the range
     */
    public boolean offerAll(final int[] ids, final int from, final int count) {
        if (count <= 0) {
            return true;
        }
        for (int k = from; k < from + count; k++) {
            final int id = ids[k] - base;
            if (id < 0 || id >= next.length) {
                return false;
            }
        }
        for (int k = from; k < from + count - 1; k++) {
            next[ids[k] - base] = ids[k + 1] - base + 1;
        }
        final int first = ids[from] - base;
        final int last = ids[from + count - 1] - base;
        while (true) {
            final long t = top;
            next[last] = (int) t;
            if (TOP.compareAndSet(this, t, ((t >>> 32) + 1) << 32 | (first + 1L))) {
                return true;
            }
        }
    }

    /**
     * Pops up to {@code max} ids into {@code into[from ..]} with one compare-and-set, most recently pushed first.
     * The walk down the chain may read links that another thread is changing; the version tag makes the
     * compare-and-set fail in that case, and the walk is then repeated.
     *
     * @return how many ids were taken (0 when the stack is empty)
     */
    public int pollAll(final int[] into, final int from, final int max) {
        if (max <= 0) {
            return 0;
        }
        while (true) {
            final long t = top;
            int cursor = (int) t;
            int n = 0;
            while (cursor != 0 && n < max) {
                into[from + n] = base + cursor - 1;
                n++;
                cursor = next[cursor - 1];
                if (cursor < 0 || cursor > next.length) {
                    break;
                }
            }
            if (cursor >= 0 && cursor <= next.length && TOP.compareAndSet(this, t, ((t >>> 32) + 1) << 32 | (cursor & 0xffffffffL))) {
                return n;
            }
        }
    }

    /** Number of ids in the stack; exact when quiescent, bounded by the capacity otherwise. */
    public int size() {
        int n = 0;
        int cursor = (int) top;
        while (cursor != 0 && n < next.length) {
            n++;
            cursor = next[cursor - 1];
        }
        return n;
    }
}
