package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.HandleDescriptor;
import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a recorder writes is what the reader returns, field for field, whichever form (compact or full) each record
 * took: values on both sides of every 32-bit limit, times and sequences that jump past the compact deltas, and
 * documents cut after arbitrary records so the anchor must carry from one document to the next.
 */
class JournalRecorderTest {
    private static final long TWO_32 = 1L << 32;
    private static final int NODE = 3;

    @TempDir
    Path run;

    /**
     * One recorder call ({@code op}, {@code seq}, {@code handle}, {@code tier}, {@code length}, {@code copied},
     * {@code aux} as the pool passes them; {@code fuel} for invocations) at clock {@code time}, and the offset and
     * aux the record must read back with.
     */
    private record Call(int op, long time, long seq, long handle, int tier, long length, long copied, long aux,
                        long fuel, long expectedOffset, long expectedAux) {
    }

    @Test
    void everyRecordReadsBackExactlyWhicheverFormItTook() {
        final Random random = new Random(7);
        final List<Call> calls = new ArrayList<>();
        long time = 1_000;
        long seq = 0;
        for (int i = 0; i < 4_000; i++) {
            time += switch (random.nextInt(20)) {
                case 0 -> TWO_32 + random.nextInt(1000);
                case 1 -> TWO_32 - 1;
                case 2 -> JournalRecordDescriptor.TINY_MAX_DELTA_TIME + random.nextInt(2);
                default -> random.nextInt(5000);
            };
            seq += switch (random.nextInt(24)) {
                case 0 -> Integer.MAX_VALUE + 1L;
                case 1 -> Integer.MIN_VALUE;
                case 2 -> -1 - seq;
                case 3 -> random.nextBoolean() ? 512 : -512;
                default -> random.nextInt(3);
            };
            calls.add(call(random, time, seq));
        }
        final Journal j = record(calls, random, 50);
        assertEquals(calls.size(), j.records().size(), j.problems().toString());
        for (int i = 0; i < calls.size(); i++) {
            final Call c = calls.get(i);
            final JournalRecord r = j.records().get(i);
            final String at = "record " + i + " " + c;
            assertEquals(c.op(), r.op(), at);
            assertEquals(c.time(), r.timeNs(), at);
            assertEquals(c.seq(), r.elementSeq(), at);
            assertEquals(c.handle(), r.handle(), at);
            assertEquals(HandleDescriptor.generation(c.handle()), r.generation(), at);
            assertEquals(c.tier(), r.tier(), at);
            assertEquals(c.length(), r.length(), at);
            assertEquals(c.copied(), r.copiedBytes(), at);
            assertEquals(c.fuel(), r.fuel(), at);
            assertEquals(c.expectedOffset(), r.offset(), at);
            assertEquals(c.expectedAux(), r.aux(), at);
            assertEquals(NODE, r.node(), at);
        }
    }

    @Test
    void closeRecordsTakeTheTinyForm() {
        final List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(new Call(BufferOps.RELEASE, 1_000 + i * 50L, i, HandleDescriptor.handle(i, 1), 0, 64, 0, 0, 0,
                0, 0));
        }
        final long[] bytes = new long[1];
        final Journal j = record(calls, new Random(1), Integer.MAX_VALUE, bytes);
        assertEquals(100, j.records().size());
        assertEquals(JournalRecordDescriptor.HEADER_LENGTH + JournalRecordDescriptor.FULL_LENGTH
            + 99 * JournalRecordDescriptor.TINY_LENGTH, bytes[0], "the first record anchors, the rest are tiny");
        assertTrue(j.records().stream().allMatch(r -> r.length() == 64 && r.tier() == 0));
    }

    private static Call call(final Random random, final long time, final long seq) {
        final boolean small = random.nextBoolean();
        final long handle = small ? HandleDescriptor.handle(random.nextInt(1 << 18), 1 + random.nextInt(1 << 20))
            : HandleDescriptor.handle(random.nextInt(Integer.MAX_VALUE), 1 + random.nextInt(Integer.MAX_VALUE));
        final int tier = random.nextInt(9) - 1;
        final long length = random.nextInt(8) == 0 ? TWO_32 + random.nextInt(100)
            : random.nextInt(small ? 1 << 16 : Integer.MAX_VALUE);
        switch (random.nextInt(7)) {
            case 0 -> {
                final long copied = random.nextInt(1 << 16);
                final long offset = random.nextInt(8) == 0 ? TWO_32 : random.nextInt(8192);
                return new Call(BufferOps.READ, time, seq, handle, tier, length, copied, offset, 0, offset, 0);
            }
            case 1 -> {
                final long copied = random.nextInt(8) == 0 ? Integer.MAX_VALUE + 1L : random.nextInt(4096);
                return new Call(BufferOps.WRITE, time, seq, handle, tier, length, copied, 16, 0, 16, 0);
            }
            case 2 -> {
                final long depth = random.nextInt(8) == 0 ? 0xFFFF_FFFFL : random.nextInt(64);
                final int stream = random.nextInt(8);
                return new Call(BufferOps.PUBLISH, time, seq, handle, tier, length, 0, depth << 32 | stream, 0, depth,
                    stream);
            }
            case 3 -> {
                final long source = HandleDescriptor.handle(random.nextInt(100), 5);
                return new Call(BufferOps.CLONE, time, seq, handle, tier, length, length & 0xFFFF, source, 0, 0,
                    source);
            }
            case 4 -> {
                final long aux = random.nextInt(8) == 0 ? Integer.MIN_VALUE - 1L : random.nextInt(3) - 1;
                return new Call(BufferOps.CONSUME, time, seq, handle, tier, length, 0, aux, 0, 0, aux);
            }
            case 5 -> {
                final long fuel = random.nextInt(6) == 0 ? TWO_32 + 1 : random.nextInt(1_000_000);
                final long status = random.nextInt(2);
                return new Call(BufferOps.INVOKE_END, time, seq, 0, -1, random.nextInt(64), 0, status, fuel, 0,
                    status);
            }
            default -> {
                final long requested = random.nextInt(1 << 20);
                return new Call(BufferOps.ALLOC, time, seq, handle, tier, length, 0, requested, 0, 0, requested);
            }
        }
    }

    private Journal record(final List<Call> calls, final Random random, final int maxBetweenDrains) {
        return record(calls, random, maxBetweenDrains, new long[1]);
    }

    /**
     * Feeds {@code calls} to node {@value NODE}'s recorder, drains its ring into a queue after a random number (up
     * to {@code maxBetweenDrains}) of records each time, then reads the queue back; {@code bytes[0]} gets the bytes
     * the journal thread wrote.
     */
    private Journal record(final List<Call> calls, final Random random, final int maxBetweenDrains,
                           final long[] bytes) {
        final long[] now = new long[1];
        final RecordRing ring = new RecordRing(1 << 20);
        final RecordRing[] rings = new RecordRing[NODE + 1];
        final ChronicleQueue[] queues = new ChronicleQueue[NODE + 1];
        rings[NODE] = ring;
        final Path dir = run.resolve(RunInfo.QUEUES_DIR);
        try (BufferPool pool = new BufferPool(new PoolsConfig(List.of(new TierConfig("small", 256, 4)),
                 ExhaustionPolicy.FALLBACK_ALLOC, 1 << 20));
             ChronicleQueue node = SingleChronicleQueueBuilder.binary(dir.resolve("node-" + NODE)).build();
             ChronicleQueue flow = SingleChronicleQueueBuilder.binary(dir.resolve("flow")).build()) {
            queues[NODE] = node;
            final BufferClient client = pool.newClient(NODE, "n" + NODE);
            final JournalRecorder recorder = new JournalRecorder(ring, NODE, () -> now[0], pool, false, false, null);
            final JournalThread thread = new JournalThread(rings, queues, flow, 0, 1);
            thread.openAppenders();
            int untilDrain = random.nextInt(Math.max(1, Math.min(maxBetweenDrains, 1 << 20)));
            for (final Call c : calls) {
                now[0] = c.time();
                client.elementSeq = c.seq();
                if (c.op() == BufferOps.INVOKE_END) {
                    recorder.recordInvocation(c.op(), client, (int) c.length(), c.fuel(), c.aux());
                } else {
                    recorder.record(c.op(), client, c.handle(), c.tier(), c.length(), c.copied(), c.aux());
                }
                if (maxBetweenDrains != Integer.MAX_VALUE && --untilDrain < 0) {
                    thread.drainAvailable();
                    untilDrain = random.nextInt(maxBetweenDrains);
                }
            }
            while (thread.drainAvailable() > 0) {
                Thread.onSpinWait();
            }
            bytes[0] = thread.bytes();
            thread.closeAppenders();
        }
        return JournalReader.readAll(run);
    }
}
