package io.torvyn.engine.ring;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.torvyn.engine.config.BackpressurePolicy;

/**
 * One edge of a flow: a single-producer Disruptor ring of {@link ElementEvent} handles with exactly one consuming stage.
 * <p>
 * The enforced capacity is the configured {@code queue_depth}; the ring is the next power of two, so a producer never
 * waits inside the Disruptor: it checks capacity itself (cheaply, against a cached consumer sequence) and, when the
 * stream is full, applies the edge's backpressure policy in the stage instead of blocking a shared worker thread.
 * <p>
 * {@code drop-oldest} needs the producer to discard the oldest queued element. Both sides then advance the consumer
 * sequence with a compare-and-set, so an element is either consumed or dropped, never both; every other policy keeps
 * the Disruptor's plain single-writer consumer sequence.
 * <p>
 * The producer claims slots itself, against its own cursor, once it has checked the capacity: the sequencer's claim
 * would scan the gating sequences again, and it also insists (in builds with assertions) that one thread produces for
 * the ring's whole life, whereas a stage may move to another worker between two calls (the
 * {@link io.torvyn.engine.schedule.StageBoard} hand-over orders everything the old thread did before the new one
 * starts). Publication still goes through the ring's cursor.
 * <p>
 * Nothing ever waits on the ring's own barrier (stages poll, and idle through their worker's idle strategy), so the
 * ring is built with a wait strategy whose publish-side signal is free: a blocking one would take a lock on every
 * publish.
 */
public final class Stream {
    private final int index;
    private final String label;
    private final int capacity;
    private final BackpressurePolicy policy;
    private final long lowWatermark;
    private final RingBuffer<ElementEvent> ring;
    /** The ring's pre-allocated slots, indexed here directly rather than through the ring object on every access. */
    private final ElementEvent[] events;
    private final int indexMask;
    private final Sequence consumed = new Sequence(RingBuffer.INITIAL_CURSOR_VALUE);
    private final StreamStats stats;

    private final ProducerCursor producer = new ProducerCursor();
    private volatile Runnable consumerWaker;

    public Stream(final int index, final String label, final int capacity, final BackpressurePolicy policy,
                  final double lowWatermarkRatio) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue depth must be >= 1, was " + capacity);
        }
        this.index = index;
        this.label = label;
        this.capacity = capacity;
        this.policy = policy;
        this.lowWatermark = (long) Math.floor(capacity * lowWatermarkRatio);
        this.ring = RingBuffer.createSingleProducer(ElementEvent::new, ringSizeFor(capacity), new BusySpinWaitStrategy());
        this.ring.addGatingSequences(consumed);
        this.events = new ElementEvent[ring.getBufferSize()];
        for (int i = 0; i < events.length; i++) {
            events[i] = ring.get(i);
        }
        this.indexMask = events.length - 1;
        this.stats = new StreamStats(label, capacity);
    }

    /** The smallest power of two that holds {@code capacity} elements. */
    public static int ringSizeFor(final int capacity) {
        return capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    }

    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    public int capacity() {
        return capacity;
    }

    public int ringSize() {
        return ring.getBufferSize();
    }

    public BackpressurePolicy policy() {
        return policy;
    }

    public StreamStats stats() {
        return stats;
    }

    /** The consumer registers how to wake its thread when it parks (blocking wait strategy). */
    public void consumerWaker(final Runnable waker) {
        this.consumerWaker = waker;
    }

    /** Elements published and not yet consumed, as any thread sees them now (two volatile reads, no side effect). */
    public long depthObserved() {
        return Math.max(0, ring.getCursor() - consumed.get());
    }

    // ---------------------------------------------------------------- producer side (the producing stage's thread only)

    /** Elements queued and not yet consumed, read exactly (one volatile read). */
    public long depth() {
        producer.cachedConsumed = consumed.get();
        return producer.next - producer.cachedConsumed;
    }

    /** True when {@code n} more elements fit under the enforced capacity. */
    public boolean hasRoomFor(final int n) {
        if (producer.next + n - producer.cachedConsumed <= capacity) {
            return true;
        }
        return depth() + n <= capacity;
    }

    /** How many of {@code n} more elements fit under the enforced capacity now (0 .. n). */
    public int roomFor(final int n) {
        if (producer.next + n - producer.cachedConsumed <= capacity) {
            return n;
        }
        return (int) Math.max(0, Math.min(n, capacity - depth()));
    }

    /** True when the queue has drained to the low watermark, so a blocked producer may resume. */
    public boolean atOrBelowLowWatermark() {
        return depth() <= lowWatermark;
    }

    /** Claims the next slot; the caller must have checked {@link #hasRoomFor(int)}. */
    public ElementEvent claim() {
        return events[(int) ++producer.next & indexMask];
    }

    /** Claims {@code n} consecutive slots and returns the sequence of the last; the caller checked the room. */
    public long claimBatch(final int n) {
        producer.next += n;
        return producer.next;
    }

    /**
     * Publishes every slot claimed since the last publish, up to the current one, and records the depth right after
     * it against a fresh read of the consumer's sequence (one volatile read per publish, not per element), so
     * `stream.queue.peak_depth` is the real depth and not one inflated by a stale cached consumer position.
     */
    public void publishUpTo(final long firstClaimed) {
        ring.publish(firstClaimed, producer.next);
        producer.cachedConsumed = consumed.get();
        final long depth = producer.next - producer.cachedConsumed;
        stats.onPublished(producer.next - firstClaimed + 1, depth);
        final Runnable waker = consumerWaker;
        if (waker != null) {
            waker.run();
        }
    }

    /** The sequence the next {@link #claim()} will return. */
    public long nextSequence() {
        return producer.next + 1;
    }

    /**
     * drop-oldest: takes the oldest queued element away from the consumer. Returns its handle (the caller releases it),
     * or 0 when the consumer took it first or it is an end-of-stream marker.
     */
    public long dropOldest() {
        final long current = consumed.get();
        if (current >= producer.next) {
            return 0;
        }
        final ElementEvent oldest = get(current + 1);
        final long handle = oldest.handle;
        if (oldest.isEndOfStream()) {
            return 0;
        }
        if (consumed.compareAndSet(current, current + 1)) {
            producer.cachedConsumed = current + 1;
            return handle;
        }
        return 0;
    }

    // ---------------------------------------------------------------- consumer side (the consuming stage's thread only)

    /** The highest published sequence, or the last consumed one when nothing is waiting. */
    public long available() {
        return ring.getCursor();
    }

    /** The last sequence the consumer finished. */
    public long consumedSequence() {
        return consumed.get();
    }

    /** The slot of {@code sequence}: the same object the ring hands out for it. */
    public ElementEvent get(final long sequence) {
        return events[(int) sequence & indexMask];
    }

    /** Marks everything up to {@code sequence} consumed, freeing the slots for the producer. */
    public void consumedUpTo(final long sequence) {
        consumed.set(sequence);
    }

    /**
     * drop-oldest consumers take elements one at a time: returns true when {@code sequence} was claimed by the consumer,
     * false when the producer dropped it first (the caller must discard what it read from the slot).
     */
    public boolean tryConsume(final long sequence) {
        return consumed.compareAndSet(sequence - 1, sequence);
    }

    public boolean dropOldestMode() {
        return policy == BackpressurePolicy.DROP_OLDEST;
    }
}
