package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertEveryIdOnce(s, ids);
    }

    @Test
    void chainsPushAndPopAsOneBurstInStackOrder() {
        final IntFreeStack s = new IntFreeStack(10, 8);
        assertTrue(s.offer(17));
        assertTrue(s.offerAll(new int[] {0, 11, 12, 13, 0}, 1, 3));
        assertEquals(4, s.size());
        assertFalse(s.offerAll(new int[] {14, 9}, 0, 2), "one id below the range refuses the whole chain");
        assertEquals(4, s.size(), "nothing of a refused chain is pushed");
        final int[] into = new int[6];
        assertEquals(3, s.pollAll(into, 1, 3));
        assertArrayEquals(new int[] {0, 11, 12, 13, 0, 0}, into, "the chain comes back first, in its own order");
        assertEquals(1, s.pollAll(into, 0, 6), "fewer than asked when the stack runs out");
        assertEquals(17, into[0]);
        assertEquals(0, s.pollAll(into, 0, 6));
        assertEquals(IntFreeStack.EMPTY, s.poll());
    }

    @Test
    void concurrentChainsNeverLoseOrDuplicateAnId() throws Exception {
        final int ids = 96;
        final IntFreeStack s = new IntFreeStack(3, ids);
        for (int i = 0; i < ids; i++) {
            s.offer(3 + i);
        }
        final int threads = 4;
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int burst = 3 + t * 5;
            workers[t] = new Thread(() -> {
                final int[] held = new int[burst];
                try {
                    start.await();
                    for (int round = 0; round < 100_000; round++) {
                        final int n = s.pollAll(held, 0, burst);
                        for (int k = 0; k < n; k++) {
                            if (held[k] < 3 || held[k] >= 3 + ids) {
                                failure.compareAndSet(null, "out of range id " + held[k]);
                            }
                        }
                        if ((round & 1) == 0) {
                            s.offerAll(held, 0, n);
                        } else {
                            for (int k = 0; k < n; k++) {
                                s.offer(held[k]);
                            }
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
        assertEveryIdOnce(s, ids);
    }

    private static void assertEveryIdOnce(final IntFreeStack s, final int ids) {
        final BitSet seen = new BitSet();
        int id;
        while ((id = s.poll()) != IntFreeStack.EMPTY) {
            assertFalse(seen.get(id), "id " + id + " twice");
            seen.set(id);
        }
        assertEquals(ids, seen.cardinality(), "every id back exactly once");
    }
}
