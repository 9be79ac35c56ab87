package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

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
        churnConcurrently(7, 64, 200_000, thread -> {
            final int[] held = new int[8];
            return (s, round, check) -> {
                int n = 0;
                for (; n < held.length; n++) {
                    held[n] = s.poll();
                    if (held[n] == IntFreeStack.EMPTY) {
                        break;
                    }
                    check.accept(held[n]);
                }
                for (int k = 0; k < n; k++) {
                    s.offer(held[k]);
                }
            };
        });
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
        churnConcurrently(3, 96, 100_000, thread -> {
            final int burst = 3 + thread * 5;
            final int[] held = new int[burst];
            return (s, round, check) -> {
                final int n = s.pollAll(held, 0, burst);
                for (int k = 0; k < n; k++) {
                    check.accept(held[k]);
                }
                if ((round & 1) == 0) {
                    s.offerAll(held, 0, n);
                } else {
                    for (int k = 0; k < n; k++) {
                        s.offer(held[k]);
                    }
                }
            };
        });
    }

    /** One round of a thread's work on the shared stack; {@code check} is told every id the round took. */
    private interface Churn {
        void round(IntFreeStack s, int round, IntConsumer check);
    }

    /**
     * Fills a stack with {@code ids} ids from {@code base}, lets 4 threads run {@code rounds} rounds each at once
     * (thread {@code t} with its own {@code perThread.apply(t)}), then asserts every id taken was in range and every
     * id is back exactly once.
     */
    private static void churnConcurrently(final int base, final int ids, final int rounds,
                                          final IntFunction<Churn> perThread) throws InterruptedException {
        final IntFreeStack s = new IntFreeStack(base, ids);
        for (int i = 0; i < ids; i++) {
            s.offer(base + i);
        }
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<String> failure = new AtomicReference<>();
        final IntConsumer check = id -> {
            if (id < base || id >= base + ids) {
                failure.compareAndSet(null, "out of range id " + id);
            }
        };
        final Thread[] workers = new Thread[4];
        for (int t = 0; t < workers.length; t++) {
            final Churn churn = perThread.apply(t);
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        churn.round(s, round, check);
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
