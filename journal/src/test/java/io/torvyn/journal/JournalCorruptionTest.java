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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader never trusts the journal: damage is reported as E0600 with queue and index, and the rest is still read. */
class JournalCorruptionTest {
    private static final int ELEMENTS = 200;

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
    void aFlippedByteInOneRecordIsReportedWithItsQueueAndIndexAndOnlyThatRecordIsLost() throws Exception {
        final Path run = recordRun();
        final Journal before = JournalReader.readAll(run);
        assertTrue(before.problems().isEmpty(), before.problems().toString());
        final Path file = QueueFiles.dataFile(run, "node-1");
        final List<Long> positions = QueueFiles.recordPositions(file);
        final long victim = positions.get(positions.size() / 2);
        QueueFiles.flipByte(file, victim + JournalRecordDescriptor.ELEMENT_SEQ_OFFSET + 1);

        final Journal after = JournalReader.readAll(run);

        assertEquals(before.records().size() - 1, after.records().size());
        assertEquals(1, after.problems().size(), after.problems().toString());
        final Problem p = after.problems().get(0);
        assertEquals(ErrorCode.E0600, p.code());
        assertTrue(p.message().contains("checksum"), p.message());
        assertTrue(p.where().contains("queue node-1") && p.where().contains("index 0x"), p.where());
        assertEquals(before.records().stream().filter(r -> r.node() == 1).count() - 1,
            after.records().stream().filter(r -> r.node() == 1).count());
        assertEquals(count(before, 2, BufferOps.READ), count(after, 2, BufferOps.READ), "other queues untouched");
        assertTrue(after.result().complete());
    }

    @Test
    void aDamagedFrameLengthIsSkippedByFindingTheNextValidRecord() throws Exception {
        final Path run = recordRun();
        final int total = JournalReader.readAll(run).records().size();
        final Path file = QueueFiles.dataFile(run, "node-2");
        final List<Long> positions = QueueFiles.recordPositions(file);
        QueueFiles.flipByte(file, positions.get(10) + JournalRecordDescriptor.FRAME_LENGTH_OFFSET);

        final Journal after = JournalReader.readAll(run);

        assertEquals(total - 1, after.records().size());
        assertEquals(1, after.problems().size(), after.problems().toString());
        assertTrue(after.problems().get(0).where().contains("queue node-2"));
    }

    @Test
    void aQueueFileCutInTheMiddleOfARecordIsReadUpToTheCutWithItsTailReported() throws Exception {
        final Path run = recordRun();
        final Journal before = JournalReader.readAll(run);
        final Path file = QueueFiles.dataFile(run, "node-2");
        final List<Long> positions = QueueFiles.recordPositions(file);
        final int keep = positions.size() - 5;
        QueueFiles.truncate(file, positions.get(keep) + 50);

        final Journal after = JournalReader.readAll(run);

        final long node2Before = before.records().stream().filter(r -> r.node() == 2).count();
        final long node2After = after.records().stream().filter(r -> r.node() == 2).count();
        assertTrue(node2After >= keep - 64 && node2After <= keep,
            node2After + " of " + node2Before + ", cut at " + keep);
        assertTrue(after.problems().stream().allMatch(p -> p.code() == ErrorCode.E0600), after.problems().toString());
        assertTrue(after.problems().stream().anyMatch(p -> p.where().contains("queue node-2")),
            after.problems().toString());
        assertEquals(count(before, 0, BufferOps.WRITE), count(after, 0, BufferOps.WRITE), "other queues untouched");
    }

    @Test
    void aQueueFileCutAtAPageBoundaryIsReadWithoutFaulting() throws Exception {
        final Path run = recordRun();
        final Path file = QueueFiles.dataFile(run, "node-1");
        final List<Long> positions = QueueFiles.recordPositions(file);
        final long cut = positions.get(positions.size() / 2) / 4096 * 4096;
        QueueFiles.truncate(file, cut);

        final Journal after = JournalReader.readAll(run);

        assertTrue(after.records().stream().anyMatch(r -> r.node() == 1), "records before the cut");
        assertTrue(after.problems().stream().allMatch(p -> p.code() == ErrorCode.E0600), after.problems().toString());
        assertTrue(after.problems().stream().anyMatch(p -> p.where().contains("queue node-1")),
            after.problems().toString());
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
