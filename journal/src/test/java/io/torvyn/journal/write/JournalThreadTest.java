package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal thread's copy from rings to queues, driven step by step on one thread. */
class JournalThreadTest {
    private static final int CAPACITY = 1 << 16;
    private static final int RECORD = 8192;

    @TempDir
    Path run;

    /** A payload record of exactly {@link #RECORD} bytes, its payload filled with {@code seq}. */
    private static void put(final RecordRing ring, final long seq) {
        final int at = ring.claim(RECORD);
        final int chunk = RECORD - JournalRecordDescriptor.FULL_LENGTH;
        JournalRecordDescriptor.putFull(ring.address() + at, BufferOps.SOURCE_PAYLOAD, 0, chunk, seq, seq, 0, 0,
            chunk, 0, 0, chunk, 0);
        for (int i = JournalRecordDescriptor.FULL_LENGTH; i < RECORD; i++) {
            ring.buffer().put(at + i, (byte) seq);
        }
        ring.commit(RECORD);
    }

    /** A compact consume record {@code deltaTime} ns and {@code deltaSeq} elements after the ring's last full one. */
    private static void putCompact(final RecordRing ring, final long deltaTime, final long deltaSeq) {
        final int at = ring.claim(JournalRecordDescriptor.COMPACT_LENGTH);
        JournalRecordDescriptor.putCompact(ring.address() + at, BufferOps.CONSUME, 0, deltaTime, deltaSeq, 64, 9, 0, 0,
            0);
        ring.commit(JournalRecordDescriptor.COMPACT_LENGTH);
    }

    private JournalThread thread(final RecordRing ring, final ChronicleQueue node, final ChronicleQueue flow) {
        final JournalThread thread = new JournalThread(new RecordRing[] {ring}, new ChronicleQueue[] {node}, flow, 0,
            1);
        thread.openAppenders();
        return thread;
    }

    @Test
    void recordsThatWrapTheRingWithoutPaddingAreCopiedInOrder() {
        final RecordRing ring = new RecordRing(CAPACITY);
        final Path queues = run.resolve(RunInfo.QUEUES_DIR);
        try (ChronicleQueue node = SingleChronicleQueueBuilder.binary(queues.resolve("node-0")).build();
             ChronicleQueue flow = SingleChronicleQueueBuilder.binary(queues.resolve("flow")).build()) {
            final JournalThread thread = thread(ring, node, flow);
            for (long seq = 0; seq < 6; seq++) {
                put(ring, seq);
            }
            assertEquals(6, thread.drainAvailable());
            for (long seq = 6; seq < 10; seq++) {
                put(ring, seq);
            }
            assertEquals(CAPACITY + 2 * RECORD, ring.tail(), "records 6 and 7 end exactly at the end; 8 and 9 wrap");
            assertEquals(4, thread.drainAvailable());
            thread.closeAppenders();
        }

        final Journal j = JournalReader.readAll(run);
        final List<JournalRecord> records = j.records();
        assertEquals(10, records.size(), j.problems().toString());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, records.get(i).elementSeq());
            assertEquals((byte) i, records.get(i).payload()[100]);
        }
    }

    @Test
    void everyDocumentCarriesTheAnchorAndRecordNumberItStartsWith() {
        final RecordRing ring = new RecordRing(CAPACITY);
        final Path queues = run.resolve(RunInfo.QUEUES_DIR);
        final List<long[]> headers = new ArrayList<>();
        try (ChronicleQueue node = SingleChronicleQueueBuilder.binary(queues.resolve("node-0")).build();
             ChronicleQueue flow = SingleChronicleQueueBuilder.binary(queues.resolve("flow")).build()) {
            final JournalThread thread = thread(ring, node, flow);
            put(ring, 500);
            putCompact(ring, 10, 1);
            assertEquals(2, thread.drainAvailable());
            putCompact(ring, 20, 2);
            putCompact(ring, 30, 3);
            assertEquals(2, thread.drainAvailable());
            put(ring, 900);
            putCompact(ring, 5, -1);
            assertEquals(2, thread.drainAvailable());
            thread.closeAppenders();
            final ExcerptTailer tailer = node.createTailer();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    final Bytes<?> b = dc.wire().bytes();
                    final long start = b.readPosition();
                    headers.add(new long[] {b.readLong(start + JournalRecordDescriptor.FIRST_RECORD_OFFSET),
                        b.readLong(start + JournalRecordDescriptor.ANCHOR_TIME_OFFSET),
                        b.readLong(start + JournalRecordDescriptor.ANCHOR_SEQ_OFFSET)});
                }
            }
        }

        assertEquals(3, headers.size());
        assertEquals(List.of(0L, 0L, 0L), List.of(headers.get(0)[0], headers.get(0)[1], headers.get(0)[2]));
        assertEquals(List.of(2L, 500L, 500L), List.of(headers.get(1)[0], headers.get(1)[1], headers.get(1)[2]));
        assertEquals(List.of(4L, 500L, 500L), List.of(headers.get(2)[0], headers.get(2)[1], headers.get(2)[2]));
        final Journal j = JournalReader.readAll(run);
        final List<Long> times = j.records().stream().map(JournalRecord::timeNs).toList();
        final List<Long> seqs = j.records().stream().map(JournalRecord::elementSeq).toList();
        assertEquals(List.of(500L, 510L, 520L, 530L, 900L, 905L), times, j.problems().toString());
        assertEquals(List.of(500L, 501L, 502L, 503L, 900L, 899L), seqs);
        assertTrue(j.problems().stream().noneMatch(p -> p.message().contains("record(s) missing")),
            j.problems().toString());
    }
}
