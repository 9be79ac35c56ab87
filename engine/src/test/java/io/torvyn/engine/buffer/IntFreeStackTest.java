package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntFreeStackTest {

    @Test
    void lastInFirstOutWithinItsIdRange() {
        final IntFreeStack s = new IntFreeStack(100, 3);
        assertEquals(IntFreeStack.EMPTY, s.poll());
        assertTrue(s.offer(100));
        assertTrue(s.offer(102));
        assertFalse(s.offer(99), "below the range");
        assertFalse(s.offer(103), "above the range");
        assertEquals(2, s.size());
        assertEquals(102, s.poll());
        assertEquals(100, s.poll());
        assertEquals(IntFreeStack.EMPTY, s.poll());
        assertEquals(0, s.size());
    }

    @Test
    void concurrentPopPushNeverLosesOrDuplicatesAnId() throws Exception {
        final int ids = 64;
        final IntFreeStack s = new IntFreeStack(7, ids);
        for (int i = 0; i < ids; i++) {
            s.offer(7 + i);
        }
        final int threads = 4;
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                final int[] held = new int[8];
                try {
                    start.await();
                    for (int round = 0; round < 200_000; round++) {
                        int n = 0;
                        for (; n < held.length; n++) {
                            held[n] = s.poll();
                            if (held[n] == IntFreeStack.EMPTY) {
                                break;
                            }
                            if (held[n] < 7 || held[n] >= 7 + ids) {
                                failure.compareAndSet(null, "out of range id " + held[n]);
                            }
                        }
                        for (int k = 0; k < n; k++) {
                            s.offer(held[k]);
                        }
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (final Thread w : workers) {
            w.join();
        }
        assertNull(failure.get());
        final BitSet seen = new BitSet();
        int id;
        while ((id = s.poll()) != IntFreeStack.EMPTY) {
            assertFalse(seen.get(id), "id " + id + " twice");
            seen.set(id);
        }
        assertEquals(ids, seen.cardinality(), "every id back exactly once");
    }
}
