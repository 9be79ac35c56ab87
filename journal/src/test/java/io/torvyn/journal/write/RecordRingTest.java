package io.torvyn.journal.write;

import io.torvyn.journal.record.JournalRecordDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordRingTest {
    private static final int CAPACITY = 1 << 16;

    @Test
    void aRecordThatWouldWrapIsPrecededByPaddingToTheEnd() {
        final RecordRing ring = new RecordRing(CAPACITY);
        final int big = 40_000;
        assertEquals(0, ring.claim(big));
        ring.commit(big);
        ring.release(big);
        final int at = ring.claim(big);
        assertEquals(0, at, "the second record starts again at the beginning");
        final long padding = JournalRecordDescriptor.getLong(ring.address() + big);
        assertEquals(JournalRecordDescriptor.FORM_PADDING, JournalRecordDescriptor.form(padding));
        assertEquals(CAPACITY - big, JournalRecordDescriptor.recordLength(padding));
        ring.commit(big);
        assertEquals(CAPACITY + big, ring.tail());
    }

    @Test
    void aFullRingMakesTheProducerWaitAndCountsIt() throws Exception {
        final RecordRing ring = new RecordRing(CAPACITY);
        final int n = CAPACITY / JournalRecordDescriptor.COMPACT_LENGTH;
        for (int i = 0; i < n; i++) {
            ring.claim(JournalRecordDescriptor.COMPACT_LENGTH);
            ring.commit(JournalRecordDescriptor.COMPACT_LENGTH);
        }
        assertEquals(0, ring.backpressureEvents());
        final AtomicLong claimedAt = new AtomicLong(-2);
        final Thread producer = new Thread(() -> {
            claimedAt.set(ring.claim(JournalRecordDescriptor.COMPACT_LENGTH));
            ring.commit(JournalRecordDescriptor.COMPACT_LENGTH);
        });
        producer.start();
        while (ring.backpressureEvents() == 0) {
            Thread.onSpinWait();
        }
        assertEquals(-2, claimedAt.get(), "the producer waits while the ring is full");
        ring.release(ring.tail());
        producer.join(10_000);
        assertTrue(claimedAt.get() >= 0);
        assertEquals(1, ring.backpressureEvents());
        assertEquals(0, ring.lost());
    }

    @Test
    @Timeout(30)
    void aProducerThatFindsTheRingFullWakesTheSleepingConsumer() throws Exception {
        final RecordRing ring = new RecordRing(CAPACITY);
        final CountDownLatch parked = new CountDownLatch(1);
        final Thread consumer = new Thread(() -> {
            parked.countDown();
            while (ring.backpressureEvents() == 0) {
                LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(10));
            }
            ring.release(ring.tail());
        });
        ring.consumer(consumer);
        consumer.start();
        parked.await();
        for (int i = 0; i <= CAPACITY / JournalRecordDescriptor.COMPACT_LENGTH; i++) {
            assertTrue(ring.claim(JournalRecordDescriptor.COMPACT_LENGTH) >= 0);
            ring.commit(JournalRecordDescriptor.COMPACT_LENGTH);
        }
        consumer.join();
        assertEquals(1, ring.backpressureEvents(), "one wait, ended by the consumer it woke");
        assertEquals(0, ring.lost());
    }

    @Test
    void aClosedRingReleasesAWaitingProducerAndCountsTheLoss() throws Exception {
        final RecordRing ring = new RecordRing(CAPACITY);
        while (ring.tail() + JournalRecordDescriptor.COMPACT_LENGTH <= CAPACITY) {
            ring.claim(JournalRecordDescriptor.COMPACT_LENGTH);
            ring.commit(JournalRecordDescriptor.COMPACT_LENGTH);
        }
        final Thread producer = new Thread(() -> ring.claim(JournalRecordDescriptor.COMPACT_LENGTH));
        producer.start();
        while (ring.backpressureEvents() == 0) {
            Thread.onSpinWait();
        }
        ring.close();
        producer.join(10_000);
        assertEquals(1, ring.lost());
    }

    @Test
    void capacityMustHoldTwoLargestRecords() {
        assertThrows(IllegalArgumentException.class, () -> new RecordRing(1 << 14));
        assertThrows(IllegalArgumentException.class, () -> new RecordRing(100_000));
    }
}
