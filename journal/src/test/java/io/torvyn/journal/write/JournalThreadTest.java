package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferOps;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal thread's copy from rings to queues, driven step by step on one thread. */
class JournalThreadTest {
    private static final int CAPACITY = 1 << 16;
    private static final int RECORD = 8192;

    @TempDir
    Path run;

    /** A payload record of exactly {@link #RECORD} bytes, its payload filled with {@code seq}. */
    private static void put(final RecordRing ring, final long seq) {
        final int at = ring.claim(RECORD);
        JournalRecordDescriptor.writeFrame(ring.buffer(), at, JournalRecordDescriptor.KIND_PAYLOAD, RECORD, seq, seq,
            0, BufferOps.SOURCE_PAYLOAD, 0, 0, 0, RECORD - JournalRecordDescriptor.FRAME_LENGTH, 0, 0, 0, 0);
        for (int i = JournalRecordDescriptor.FRAME_LENGTH; i < RECORD; i++) {
            ring.buffer().put(at + i, (byte) seq);
        }
        ring.commit(RECORD);
    }

    @Test
    void recordsThatWrapTheRingWithoutPaddingAreCopiedInOrder() {
        final RecordRing ring = new RecordRing(CAPACITY);
        final Path queues = run.resolve(RunInfo.QUEUES_DIR);
        try (ChronicleQueue node = SingleChronicleQueueBuilder.binary(queues.resolve("node-0")).build();
             ChronicleQueue flow = SingleChronicleQueueBuilder.binary(queues.resolve("flow")).build()) {
            final JournalThread thread = new JournalThread(new RecordRing[] {ring}, new ChronicleQueue[] {node}, flow,
                0, 1);
            thread.openAppenders();
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
}
