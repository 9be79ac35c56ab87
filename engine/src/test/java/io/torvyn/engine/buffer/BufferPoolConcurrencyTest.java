package io.torvyn.engine.buffer;

import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producer threads allocate, write and hand off buffers (a third of them fanned out to two readers); consumer threads
 * read, verify and release them; the pool must come back full with every counter balanced.
 *
 * <pre>
 *   producer 0 ──┐                       ┌──&gt; consumer 0 (read, verify, release)
 *                ├──&gt; bounded queue ─────┤
 *   producer 1 ──┘   (handles only)      └──&gt; consumer 1 (read, verify, release)
 * </pre>
 */
class BufferPoolConcurrencyTest {
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 2;
    private static final int PER_PRODUCER = 40_000;
    private static final int MAX_PAYLOAD = 400;

    @Test
    void poolComesBackFullWhenTiersAreAmple() throws Exception {
        final Outcome outcome = run(Pools.config(ExhaustionPolicy.FALLBACK_ALLOC, 1 << 20,
            new TierConfig("small", 64, 256), new TierConfig("medium", 512, 128)), 64);
        assertEquals(0, outcome.pool.fallbackPeak(), "ample tiers never fall back");
    }

    @Test
    void poolComesBackFullWhenTiersRunDryAndFallBack() throws Exception {
        final Outcome outcome = run(Pools.config(ExhaustionPolicy.FALLBACK_ALLOC, 1 << 20,
            new TierConfig("small", 64, 8), new TierConfig("medium", 512, 4)), 128);
        assertTrue(outcome.pool.exhaustionEvents(0) + outcome.pool.exhaustionEvents(1) > 0, "tiers ran dry");
        assertTrue(outcome.pool.fallbackPeak() > 0, "fallback buffers were used");
    }

    private static Outcome run(final PoolsConfig config, final int fallbackSlots) throws Exception {
        final BufferPool pool = new BufferPool(config, fallbackSlots);
        try {
            final BlockingQueue<Long> queue = new ArrayBlockingQueue<>(48);
            final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            final AtomicLong deliveries = new AtomicLong();
            final List<BufferClient> producers = new ArrayList<>();
            final List<BufferClient> consumers = new ArrayList<>();
            final List<Thread> producerThreads = new ArrayList<>();
            final List<Thread> consumerThreads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                final BufferClient c = pool.newClient(p, "producer-" + p);
                producers.add(c);
                producerThreads.add(thread(failures, () -> produce(pool, c, queue)));
            }
            for (int k = 0; k < CONSUMERS; k++) {
                final BufferClient c = pool.newClient(PRODUCERS + k, "consumer-" + k);
                consumers.add(c);
                consumerThreads.add(thread(failures, () -> consume(pool, c, queue, deliveries)));
            }
            final List<Thread> all = new ArrayList<>(producerThreads);
            all.addAll(consumerThreads);
            all.forEach(Thread::start);
            join(producerThreads, all, failures);
            for (int k = 0; k < CONSUMERS; k++) {
                queue.put(HandleDescriptor.NULL_HANDLE);
            }
            join(consumerThreads, all, failures);

            assertTrue(failures.isEmpty(), () -> "failures: " + failures);
            final long elements = (long) PRODUCERS * PER_PRODUCER;
            final long fannedOut = PRODUCERS * fannedOutPerProducer();
            assertEquals(elements + fannedOut, deliveries.get());
            assertTrue(pool.allReturned(), pool::toString);
            for (int t = 0; t < pool.tierCount(); t++) {
                assertEquals(pool.capacity(t), pool.available(t));
                assertEquals(pool.allocated(t), pool.returned(t), "tier " + pool.tierName(t));
            }
            long fallbacks = 0;
            long freed = 0;
            for (final BufferClient c : pool.clients()) {
                fallbacks += c.fallbacks();
                freed += c.fallbacksFreed();
                assertEquals(0, c.ownedBytes(), c.nodeName);
            }
            assertEquals(fallbacks, freed, "every fallback buffer was freed");
            long allocations = fallbacks;
            for (int t = 0; t < pool.tierCount(); t++) {
                allocations += pool.allocated(t);
            }
            assertEquals(elements, allocations);

            final CopyLedger ledger = pool.copyLedger();
            assertEquals(elements, ledger.totalCopies(CopyReason.PAYLOAD_WRITE));
            assertEquals(elements + fannedOut, ledger.totalCopies(CopyReason.PAYLOAD_READ));
            assertEquals(ledger.totalBytes(CopyReason.PAYLOAD_WRITE) + fannedOutBytes(),
                ledger.totalBytes(CopyReason.PAYLOAD_READ));
            for (final BufferClient c : producers) {
                assertEquals(0, c.copies(CopyReason.PAYLOAD_READ));
            }
            for (final BufferClient c : consumers) {
                assertEquals(0, c.copies(CopyReason.PAYLOAD_WRITE));
            }
            return new Outcome(pool);
        } finally {
            pool.close();
        }
    }

    private static void produce(final BufferPool pool, final BufferClient c, final BlockingQueue<Long> queue)
        throws InterruptedException {
        final byte[] payload = new byte[MAX_PAYLOAD];
        for (int seq = 0; seq < PER_PRODUCER; seq++) {
            final long seed = (long) c.node << 32 | seq;
            final int len = payloadLength(seq);
            fill(payload, seed, len);
            final long h = pool.allocate(c, len);
            pool.write(c, h, 0, payload, 0, len);
            pool.handOff(c, h);
            if (fannedOut(seq)) {
                pool.retain(h, 1);
                queue.put(h);
            }
            queue.put(h);
        }
    }

    private static void consume(final BufferPool pool, final BufferClient c, final BlockingQueue<Long> queue,
                                final AtomicLong deliveries) throws InterruptedException {
        final byte[] payload = new byte[MAX_PAYLOAD];
        while (true) {
            final long h = queue.take();
            if (h == HandleDescriptor.NULL_HANDLE) {
                return;
            }
            final int n = pool.read(c, h, 0, payload, 0, MAX_PAYLOAD);
            verify(payload, n);
            pool.release(c, h);
            deliveries.incrementAndGet();
        }
    }

    private static int payloadLength(final int seq) {
        return 8 + (seq * 37) % (MAX_PAYLOAD - 8 + 1);
    }

    private static boolean fannedOut(final int seq) {
        return seq % 3 == 0;
    }

    private static long fannedOutPerProducer() {
        return (PER_PRODUCER + 2) / 3;
    }

    private static long fannedOutBytes() {
        long bytes = 0;
        for (int seq = 0; seq < PER_PRODUCER; seq++) {
            if (fannedOut(seq)) {
                bytes += payloadLength(seq);
            }
        }
        return PRODUCERS * bytes;
    }

    private static void fill(final byte[] payload, final long seed, final int len) {
        for (int i = 0; i < 8; i++) {
            payload[i] = (byte) (seed >>> (56 - 8 * i));
        }
        for (int i = 8; i < len; i++) {
            payload[i] = (byte) (seed * 31 + i * 7);
        }
    }

    private static void verify(final byte[] payload, final int n) {
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = seed << 8 | (payload[i] & 0xFF);
        }
        final int seq = (int) seed;
        if (n != payloadLength(seq)) {
            throw new AssertionError("element " + Long.toHexString(seed) + ": length " + n);
        }
        for (int i = 8; i < n; i++) {
            if (payload[i] != (byte) (seed * 31 + i * 7)) {
                throw new AssertionError("element " + Long.toHexString(seed) + ": byte " + i + " differs");
            }
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread thread(final ConcurrentLinkedQueue<Throwable> failures, final Body body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (final Throwable t) {
                failures.add(t);
            }
        });
    }

    /** Waits for {@code threads}; on the first failure anywhere, interrupts every thread so none blocks forever. */
    private static void join(final List<Thread> threads, final List<Thread> all,
                             final ConcurrentLinkedQueue<Throwable> failures) throws InterruptedException {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        for (final Thread t : threads) {
            while (t.isAlive() && failures.isEmpty() && System.nanoTime() < deadline) {
                t.join(10);
            }
        }
        if (!failures.isEmpty()) {
            all.forEach(Thread::interrupt);
            final AssertionError error = new AssertionError("worker failed: " + failures.peek());
            failures.forEach(error::addSuppressed);
            throw error;
        }
        for (final Thread t : threads) {
            assertFalse(t.isAlive(), "stuck thread");
        }
    }

    private record Outcome(BufferPool pool) {
    }
}
