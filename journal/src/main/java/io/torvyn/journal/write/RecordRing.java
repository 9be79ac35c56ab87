package io.torvyn.journal.write;

import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.bytes.BytesStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, off-heap, single-producer single-consumer ring of journal records: the only thing a recording stage
 * touches, so the data path never waits on a file. The producer is the thread running one node's stage; the consumer
 * is the journal thread, which copies whole ranges of records into that node's Chronicle Queue, one checksummed
 * document per range.
 *
 * <p>Records are variable-length ({@link JournalRecordDescriptor}) and never wrap: a record that does not fit before
 * the end of the memory is preceded by {@link JournalRecordDescriptor#OP_PADDING padding} up to the end.
 * The producer writes a record with plain stores and publishes it with one release store of the tail; the consumer
 * reads the tail with an acquire load and frees space with a release store of the head. Tail and head sit 128 bytes
 * apart in one {@code long[]} so producer and consumer never share a cache line.
 *
 * <p>Lossless by design: when the ring is full the producer wakes the consumer, then spins, yields and parks briefly
 * until the consumer has made room, and counts one journal-backpressure event per wait. Only a journal that has
 * stopped ({@link #close()}, e.g. after an I/O failure) makes the producer drop records, which it counts as lost.
 */
public final class RecordRing {
    private static final VarHandle POSITIONS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int TAIL = 7;
    private static final int HEAD = 23;
    private static final int BACKPRESSURE = 39;
    private static final int LOST = 40;
    private static final int SLOTS = 56;
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final long PARK_NS = 10_000;
    private static final int CACHE_LINE = 64;

    private final ByteBuffer buffer;
    private final ByteBuffer consumerView;
    private final BytesStore<?, ByteBuffer> store;
    private final long address;
    private final int capacity;
    private final long mask;
    private final long[] positions = new long[SLOTS];

    private long producerTail;
    private long producerLimit;
    private long cachedHead;
    private long producerWaits;
    private volatile boolean closed;
    private volatile Thread consumer;

    /**
     * @param capacity bytes of ring memory: a power of two of at least twice {@link JournalRecordDescriptor#MAX_RECORD}
     */
    public RecordRing(final int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 2 * JournalRecordDescriptor.MAX_RECORD) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= "
                + 2 * JournalRecordDescriptor.MAX_RECORD + ", found " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = ByteBuffer.allocateDirect(capacity + CACHE_LINE).alignedSlice(CACHE_LINE).limit(capacity).slice()
            .order(ByteOrder.LITTLE_ENDIAN);
        this.consumerView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.store = BytesStore.wrap(buffer);
        this.address = store.addressForWrite(0);
    }

    // ------------------------------------------------------------------------------------------------ producer

    /**
     * Reserves {@code alignedLength} contiguous bytes for the next record, waiting for the journal thread while the
     * ring is full. Write the record at the returned index, then {@link #commit} it.
     *
     * @return the buffer index to write at, or -1 when the journal has stopped (the record is lost)
     */
    public int claim(final int alignedLength) {
        final long tail = producerTail;
        if (tail + alignedLength <= producerLimit) {
            return (int) (tail & mask);
        }
        return claimSlowly(alignedLength);
    }

    /** {@link #claim} when the record may not fit: pads to the end of the memory, waits for room, moves the limit. */
    private int claimSlowly(final int alignedLength) {
        final long tail = producerTail;
        final int index = (int) (tail & mask);
        final int toEnd = capacity - index;
        final int padding = alignedLength > toEnd ? toEnd : 0;
        final long needed = tail + padding + alignedLength - capacity;
        if (needed > cachedHead) {
            cachedHead = (long) POSITIONS.getAcquire(positions, HEAD);
            if (needed > cachedHead && !waitForRoom(needed)) {
                POSITIONS.setOpaque(positions, LOST, (long) POSITIONS.getOpaque(positions, LOST) + 1);
                return -1;
            }
        }
        final long start = tail + padding;
        if (padding > 0) {
            JournalRecordDescriptor.putPadding(address + index, padding);
            producerTail = start;
        }
        producerLimit = Math.min(cachedHead + capacity, (start & ~mask) + capacity);
        return (int) (start & mask);
    }

    /** Publishes the record written at the index {@link #claim} returned. */
    public void commit(final int alignedLength) {
        producerTail += alignedLength;
        POSITIONS.setRelease(positions, TAIL, producerTail);
    }

    /** How many times this producer has waited for room (read on the producer's thread only). */
    public long producerWaits() {
        return producerWaits;
    }

    /** The ring memory, little-endian; the producer writes records here with absolute puts. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The native address of the ring memory, for copying payload bytes in. */
    public long address() {
        return address;
    }

    private boolean waitForRoom(final long needed) {
        producerWaits++;
        POSITIONS.setOpaque(positions, BACKPRESSURE, (long) POSITIONS.getOpaque(positions, BACKPRESSURE) + 1);
        final Thread waker = consumer;
        if (waker != null) {
            LockSupport.unpark(waker);
        }
        int idle = 0;
        while (needed > cachedHead) {
            if (closed) {
                return false;
            }
            if (idle < SPINS) {
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(PARK_NS);
            }
            idle++;
            cachedHead = (long) POSITIONS.getAcquire(positions, HEAD);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ consumer

    /** Names the thread that drains this ring, so a producer that finds it full can wake it from its pause. */
    public void consumer(final Thread thread) {
        consumer = thread;
    }

    /** The consumer's position: every byte before it has been taken. */
    public long head() {
        return (long) POSITIONS.getOpaque(positions, HEAD);
    }

    /** The producer's published position: every byte before it is a complete record. */
    public long tail() {
        return (long) POSITIONS.getAcquire(positions, TAIL);
    }

    /** Frees everything before {@code newHead} for the producer. */
    public void release(final long newHead) {
        POSITIONS.setRelease(positions, HEAD, newHead);
    }

    /** The buffer index of ring position {@code position}. */
    public int indexOf(final long position) {
        return (int) (position & mask);
    }

    /** A view of the ring memory private to the consumer (its position and limit are the consumer's to move). */
    public ByteBuffer consumerView() {
        return consumerView;
    }

    /** The ring memory as a Chronicle store, for copying records into a queue document. */
    public BytesStore<?, ByteBuffer> store() {
        return store;
    }

    // ------------------------------------------------------------------------------------------------ both

    /** Stops the ring: a waiting or later producer drops its records instead of waiting for a consumer. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Times the producer found the ring full and had to wait for the journal thread. */
    public long backpressureEvents() {
        return (long) POSITIONS.getOpaque(positions, BACKPRESSURE);
    }

    /** Records dropped because the journal had stopped. */
    public long lost() {
        return (long) POSITIONS.getOpaque(positions, LOST);
    }

    public int capacity() {
        return capacity;
    }
}
