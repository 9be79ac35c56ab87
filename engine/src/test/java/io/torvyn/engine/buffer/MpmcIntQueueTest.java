package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpmcIntQueueTest {

    @Test
    void roundsCapacityUpToAPowerOfTwo() {
        assertEquals(8, new MpmcIntQueue(5).capacity());
        assertEquals(8, new MpmcIntQueue(8).capacity());
        assertEquals(1, new MpmcIntQueue(1).capacity());
        assertThrows(IllegalArgumentException.class, () -> new MpmcIntQueue(0));
    }

    @Test
    void isFifoAndBounded() {
        final MpmcIntQueue q = new MpmcIntQueue(4);
        assertEquals(MpmcIntQueue.EMPTY, q.poll());
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(10 + i));
        }
        assertFalse(q.offer(99), "a full queue refuses");
        assertEquals(4, q.size());
        assertEquals(10, q.poll());
        assertTrue(q.offer(14));
        for (int i = 11; i <= 14; i++) {
            assertEquals(i, q.poll());
        }
        assertEquals(MpmcIntQueue.EMPTY, q.poll());
        assertEquals(0, q.size());
    }

    @Test
    void wrapsAroundManyLaps() {
        final MpmcIntQueue q = new MpmcIntQueue(2);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(q.offer(i));
            assertEquals(i, q.poll());
        }
    }

    /** Every value offered by several producers is polled exactly once by several consumers. */
    @Test
    void deliversEachValueExactlyOnceUnderContention() throws Exception {
        final int producers = 3;
        final int consumers = 3;
        final int perProducer = 200_000;
        final int total = producers * perProducer;
        final MpmcIntQueue q = new MpmcIntQueue(64);
        final AtomicIntegerArray seen = new AtomicIntegerArray(total);
        final AtomicLong polled = new AtomicLong();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int base = p * perProducer;
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < perProducer; i++) {
                    while (!q.offer(base + i)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        for (int c = 0; c < consumers; c++) {
            threads.add(new Thread(() -> {
                await(start);
                while (polled.get() < total) {
                    final int v = q.poll();
                    if (v == MpmcIntQueue.EMPTY) {
                        Thread.onSpinWait();
                        continue;
                    }
                    seen.incrementAndGet(v);
                    polled.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (final Thread t : threads) {
            t.join(60_000);
            assertFalse(t.isAlive(), "stuck thread");
        }
        for (int i = 0; i < total; i++) {
            assertEquals(1, seen.get(i), "value " + i);
        }
        assertEquals(MpmcIntQueue.EMPTY, q.poll());
    }

    /**
     * The free-list pattern: exactly as many values as cells, each thread holding at most one at a time. A poll must
     * never see the queue empty while values are logically in it, and an offer must never see it full, even when a
     * peer has claimed a cell and not yet published it.
     */
    @Test
    void neverReportsFalseFullOrEmptyWhenUsedAsAFreeList() throws Exception {
        final int threads = 4;
        final int rounds = 300_000;
        final MpmcIntQueue q = new MpmcIntQueue(threads);
        for (int i = 0; i < threads; i++) {
            assertTrue(q.offer(i));
        }
        final AtomicLong falseEmpty = new AtomicLong();
        final AtomicLong falseFull = new AtomicLong();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                await(start);
                for (int r = 0; r < rounds; r++) {
                    final int v = q.poll();
                    if (v == MpmcIntQueue.EMPTY) {
                        falseEmpty.incrementAndGet();
                        continue;
                    }
                    if (!q.offer(v)) {
                        falseFull.incrementAndGet();
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (final Thread t : workers) {
            t.join(60_000);
            assertFalse(t.isAlive(), "stuck thread");
        }
        assertEquals(0, falseEmpty.get(), "polls that found a non-empty queue empty");
        assertEquals(0, falseFull.get(), "offers that found a non-full queue full");
        assertEquals(threads, q.size());
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
