package io.torvyn.perf.jmh;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.HandleDescriptor;
import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.journal.write.JournalRecorder;
import io.torvyn.journal.write.RecordRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one journal record costs the stage that makes it: {@link JournalRecorder#record} into a ring that a second
 * thread empties without writing anywhere, so the figure is the data path's share alone (clock, encoding, ring), not
 * the journal thread's. One operation is one record; the records are those of one element of the journal target's
 * transform stage (consume, read, alloc, write, release, publish), made one by one or the way a batching stage makes
 * them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalRecorderBenchmark {
    private static final int RECORDS = 6;
    private static final int BATCH = 32;

    /** {@code system}: System.nanoTime as in a run; {@code counter}: a free clock, to see the rest of the cost. */
    @Param({"system", "counter"})
    public String clock;

    private BufferPool pool;
    private BufferClient client;
    private RecordRing ring;
    private JournalRecorder recorder;
    private Thread consumer;
    private volatile boolean running;
    private long seq;

    @Setup(Level.Trial)
    public void start() {
        pool = new BufferPool(new PoolsConfig(List.of(new TierConfig("small", 256, 16)),
            ExhaustionPolicy.FALLBACK_ALLOC, 1 << 20));
        client = pool.newClient(1, "upper");
        ring = new RecordRing(1 << 20);
        final long[] fixed = {0};
        recorder = new JournalRecorder(ring, 1, "system".equals(clock) ? System::nanoTime : () -> fixed[0]++, pool,
            false, false, null);
        running = true;
        consumer = new Thread(() -> {
            while (running) {
                ring.release(ring.tail());
                LockSupport.parkNanos(50_000);
            }
        }, "ring-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    /** The six records of one element, each made on its own (no batch), as a per-element stage would. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void transformElement() {
        final long s = seq++;
        final long in = HandleDescriptor.handle((int) (s & 7), 1 + (int) (s >>> 3));
        final long out = HandleDescriptor.handle(8 + (int) (s & 7), 1 + (int) (s >>> 3));
        client.elementSeq = s;
        recorder.record(BufferOps.CONSUME, client, in, 0, 64, 0, 0);
        recorder.record(BufferOps.READ, client, in, 0, 64, 64, 0);
        recorder.record(BufferOps.ALLOC, client, out, 0, 256, 0, 64);
        recorder.record(BufferOps.WRITE, client, out, 0, 64, 64, 0);
        recorder.record(BufferOps.RELEASE, client, in, 0, 64, 0, 0);
        recorder.record(BufferOps.PUBLISH, client, out, 0, 64, 0, (long) (s & 63) << 32 | 1);
    }

    /**
     * A batch of {@link #BATCH} elements the way the transform stage records it: consumes in one batch, then per
     * element read, alloc and write inside the call, then releases and publishes each in one batch. Per record.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS * BATCH)
    public void transformBatch() {
        final long first = seq;
        seq += BATCH;
        recorder.beginBatch();
        for (int i = 0; i < BATCH; i++) {
            client.elementSeq = first + i;
            recorder.record(BufferOps.CONSUME, client, input(first + i), 0, 64, 0, 0);
        }
        recorder.endBatch();
        for (int i = 0; i < BATCH; i++) {
            client.elementSeq = first + i;
            recorder.record(BufferOps.READ, client, input(first + i), 0, 64, 64, 0);
            recorder.record(BufferOps.ALLOC, client, output(first + i), 0, 256, 0, 64);
            recorder.record(BufferOps.WRITE, client, output(first + i), 0, 64, 64, 0);
        }
        recorder.beginBatch();
        for (int i = 0; i < BATCH; i++) {
            client.elementSeq = first + i;
            recorder.record(BufferOps.RELEASE, client, input(first + i), 0, 64, 0, 0);
        }
        recorder.endBatch();
        recorder.beginBatch();
        for (int i = 0; i < BATCH; i++) {
            client.elementSeq = first + i;
            recorder.record(BufferOps.PUBLISH, client, output(first + i), 0, 64, 0, (long) i << 32 | 1);
        }
        recorder.endBatch();
    }

    private static long input(final long s) {
        return HandleDescriptor.handle((int) (s & 31), 1 + (int) (s >>> 5));
    }

    private static long output(final long s) {
        return HandleDescriptor.handle(32 + (int) (s & 31), 1 + (int) (s >>> 5));
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        consumer.join();
        ring.close();
        pool.close();
    }
}
