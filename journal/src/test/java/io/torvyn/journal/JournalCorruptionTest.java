package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalNotFoundException;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecordDescriptor;
import io.torvyn.journal.write.JournalOptions;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader never trusts the journal: damage is reported as E0600 with queue and index, the damaged document (one
 * checksummed batch of a node's records) is skipped, and the rest is still read.
 */
class JournalCorruptionTest {
    private static final int ELEMENTS = 8_000;

    @TempDir
    Path tmp;

    private Path recordRun() throws Exception {
        final var config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(ELEMENTS, 40)),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            return f.journal();
        }
    }

    @Test
    void aFlippedByteInOneDocumentIsReportedWithItsQueueAndIndexAndOnlyThatDocumentIsLost() throws Exception {
        final Path run = recordRun();
        final Journal before = JournalReader.readAll(run);
        assertTrue(before.problems().isEmpty(), before.problems().toString());
        final Path file = QueueFiles.dataFile(run, "node-1");
        final List<Long> documents = QueueFiles.documentPositions(file);
        assertTrue(documents.size() >= 3, "a run this long spans several documents: " + documents.size());
        final long victim = documents.get(documents.size() / 2);
        final int lost = QueueFiles.recordsIn(file, victim);
        QueueFiles.flipByte(file, victim + JournalRecordDescriptor.HEADER_LENGTH + 9);

        final Journal after = JournalReader.readAll(run);

        assertEquals(before.records().size() - lost, after.records().size());
        assertEquals(1, after.problems().size(), after.problems().toString());
        final Problem p = after.problems().get(0);
        assertEquals(ErrorCode.E0600, p.code());
        assertTrue(p.message().contains("checksum") && p.message().contains(lost + " record(s)"), p.message());
        assertTrue(p.where().contains("queue node-1") && p.where().contains("index 0x"), p.where());
        assertEquals(before.records().stream().filter(r -> r.node() == 1).count() - lost,
            after.records().stream().filter(r -> r.node() == 1).count());
        assertEquals(count(before, 2, BufferOps.READ), count(after, 2, BufferOps.READ), "other queues untouched");
        assertTrue(after.result().complete());
    }

    @Test
    void aDamagedBodyLengthSkipsOnlyThatDocument() throws Exception {
        final Path run = recordRun();
        final int total = JournalReader.readAll(run).records().size();
        final Path file = QueueFiles.dataFile(run, "node-2");
        final List<Long> documents = QueueFiles.documentPositions(file);
        final int lost = QueueFiles.recordsIn(file, documents.get(1));
        QueueFiles.flipByte(file, documents.get(1) + JournalRecordDescriptor.BODY_LENGTH_OFFSET);

        final Journal after = JournalReader.readAll(run);

        assertEquals(total - lost, after.records().size());
        assertEquals(1, after.problems().size(), after.problems().toString());
        assertTrue(after.problems().get(0).where().contains("queue node-2"));
        assertTrue(after.problems().get(0).message().contains("body length"), after.problems().toString());
    }

    @Test
    void aQueueFileCutInTheMiddleOfADocumentIsReadUpToTheCutWithItsTailReported() throws Exception {
        final Path run = recordRun();
        final Journal before = JournalReader.readAll(run);
        final Path file = QueueFiles.dataFile(run, "node-2");
        final List<Long> documents = QueueFiles.documentPositions(file);
        final int keep = documents.size() - 2;
        long whole = 0;
        for (int d = 0; d < keep; d++) {
            whole += QueueFiles.recordsIn(file, documents.get(d));
        }
        QueueFiles.truncate(file, documents.get(keep) + 50);

        final Journal after = JournalReader.readAll(run);

        final long node2After = after.records().stream().filter(r -> r.node() == 2).count();
        assertEquals(whole, node2After, "every document before the cut, none after");
        assertTrue(after.problems().stream().allMatch(p -> p.code() == ErrorCode.E0600), after.problems().toString());
        assertTrue(after.problems().stream().anyMatch(p -> p.where().contains("queue node-2")),
            after.problems().toString());
        assertEquals(count(before, 0, BufferOps.WRITE), count(after, 0, BufferOps.WRITE), "other queues untouched");
    }

    @Test
    void aQueueFileCutAtAPageBoundaryIsReadWithoutFaulting() throws Exception {
        final Path run = recordRun();
        final Path file = QueueFiles.dataFile(run, "node-1");
        final List<Long> documents = QueueFiles.documentPositions(file);
        final long cut = documents.get(documents.size() / 2) / 4096 * 4096;
        QueueFiles.truncate(file, cut);

        final Journal after = JournalReader.readAll(run);

        assertTrue(after.records().stream().anyMatch(r -> r.node() == 1), "records before the cut");
        assertTrue(after.problems().stream().allMatch(p -> p.code() == ErrorCode.E0600), after.problems().toString());
        assertTrue(after.problems().stream().anyMatch(p -> p.where().contains("queue node-1")),
            after.problems().toString());
    }

    @Test
    void aMissingDocumentIsCountedFromTheRecordNumbersAroundIt() throws Exception {
        final Path queue = tmp.resolve("lost").resolve(RunInfo.QUEUES_DIR).resolve("node-0");
        try (ChronicleQueue q = SingleChronicleQueueBuilder.binary(queue).build();
             ExcerptAppender appender = q.createAppender()) {
            appendDocument(appender, 0, 2);
            appendDocument(appender, 5, 1);
        }

        final Journal j = JournalReader.readAll(tmp.resolve("lost"));

        assertEquals(3, j.records().size());
        assertTrue(j.problems().stream().anyMatch(p -> p.code() == ErrorCode.E0600
            && p.message().startsWith("3 record(s) missing before this document")
            && p.where().contains("queue node-0")), j.problems().toString());
    }

    /** Appends a valid document of node 0 whose records are numbered from {@code first}: {@code count} releases. */
    private static void appendDocument(final ExcerptAppender appender, final long first, final int count) {
        final int body = count * JournalRecordDescriptor.FULL_LENGTH;
        final ByteBuffer doc = ByteBuffer.allocateDirect(JournalRecordDescriptor.HEADER_LENGTH + body)
            .order(ByteOrder.LITTLE_ENDIAN);
        final BytesStore<?, ByteBuffer> store = BytesStore.wrap(doc);
        for (int i = 0; i < count; i++) {
            JournalRecordDescriptor.putFull(store.addressForWrite(0) + JournalRecordDescriptor.HEADER_LENGTH
                + (long) i * JournalRecordDescriptor.FULL_LENGTH, BufferOps.RELEASE, 0, 0, 100 + first + i,
                first + i, 0, 0, 0, 0, 0, 0, 0);
        }
        JournalRecordDescriptor.putHeader(doc, 0, body, 0, count, first, 0, 0);
        final CRC32C crc = new CRC32C();
        JournalRecordDescriptor.checksumHeader(crc, doc, 0);
        JournalRecordDescriptor.checksumBody(crc, doc, JournalRecordDescriptor.HEADER_LENGTH, body);
        JournalRecordDescriptor.seal(crc, doc, 0);
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(store, 0L, (long) doc.capacity());
        }
    }

    @Test
    void aDirectoryWithoutAJournalIsE0601() throws Exception {
        final Path empty = Files.createDirectory(tmp.resolve("empty"));
        final JournalNotFoundException e = assertThrows(JournalNotFoundException.class,
            () -> JournalReader.readAll(empty));
        assertEquals(ErrorCode.E0601, e.code());
        assertEquals(ErrorCode.E0601, assertThrows(JournalNotFoundException.class,
            () -> JournalReader.readAll(tmp.resolve("missing"))).code());
    }

    @Test
    void aParentDirectoryResolvesToItsNewestRun() throws Exception {
        final Path run = recordRun();
        assertEquals(run, JournalReader.resolve(tmp));
    }

    private static long count(final Journal j, final int node, final int op) {
        return j.records().stream().filter(r -> r.node() == node && r.op() == op).count();
    }
}
