package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.record.PayloadHash;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run writes is what a reader gets back: every operation, run.json, payloads, counters. */
class JournalRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everyOperationOfARunIsReadBack() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(1000, 100)),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            assertTrue(j.problems().isEmpty(), j.problems().toString());
            assertTrue(j.result().complete());
            long copies = 0;
            long bytes = 0;
            for (final JournalRecord r : j.records()) {
                if (r.isCopy()) {
                    copies++;
                    bytes += r.copiedBytes();
                }
            }
            assertEquals(f.summary().copies(), copies);
            assertEquals(f.summary().copyBytes(), bytes);
            assertEquals(1000, count(j, 0, BufferOps.ALLOC));
            assertEquals(1000, count(j, 0, BufferOps.WRITE));
            assertEquals(1000, count(j, 0, BufferOps.PUBLISH));
            assertEquals(1000, count(j, 1, BufferOps.CONSUME));
            assertEquals(1000, count(j, 1, BufferOps.FORWARD));
            assertEquals(1000, count(j, 1, BufferOps.PUBLISH));
            assertEquals(1000, count(j, 2, BufferOps.CONSUME));
            assertEquals(1000, count(j, 2, BufferOps.READ));
            assertEquals(1000, count(j, 2, BufferOps.RELEASE));
            assertEquals(count(j, 1, BufferOps.INVOKE_BEGIN), count(j, 1, BufferOps.INVOKE_END));
            assertEquals(BufferOps.FLOW_START, j.records().get(0).op());
            assertEquals(BufferOps.FLOW_END, j.records().get(1).op());
            assertEquals(1000, j.records().get(1).length(), "flow-end carries the elements delivered");

            final RunInfo info = j.info();
            assertEquals("ops", info.level());
            assertEquals(List.of("flow", "node-0", "node-1", "node-2"), info.queues());
            assertEquals("fwd", info.node(1).name());
            assertEquals("src->fwd", info.streamLabel(0));
            assertEquals(0L, info.node(0).seed());
            assertEquals(j.records().size(), info.end().records(), "journal.records");
            assertEquals(f.run().journal().records(), info.end().records());
            assertEquals(f.run().journal().bytes(), info.end().bytes(), "journal.bytes");
            assertEquals(f.summary().copies(), info.end().copies());
        }
    }

    @Test
    void payloadLevelRecordsEverySourcePayloadAndPublishedHash() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(50, 30_000)),
            JournalLevel.PAYLOADS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            assertTrue(j.problems().isEmpty(), j.problems().toString());
            final List<JournalRecord> chunks = j.records().stream().filter(r -> r.op() == BufferOps.SOURCE_PAYLOAD
                && r.elementSeq() == 7).toList();
            assertEquals(2, chunks.size(), "30000 bytes in chunks of 16 KiB");
            final byte[] payload = new byte[30_000];
            for (final JournalRecord c : chunks) {
                System.arraycopy(c.payload(), 0, payload, (int) c.offset(), c.payload().length);
                assertEquals(30_000, c.aux());
            }
            assertTrue(new String(payload, 0, 10, StandardCharsets.US_ASCII).startsWith("element 7 "));
            final long hash = PayloadHash.hash(payload);
            assertEquals(hash, chunks.get(0).payloadHash());
            final List<JournalRecord> publishes = j.records().stream().filter(r -> r.op() == BufferOps.PUBLISH
                && r.elementSeq() == 7).toList();
            assertEquals(2, publishes.size());
            publishes.forEach(p -> assertEquals(hash, p.payloadHash(), "src and fwd publish the same bytes"));
            assertEquals("application/octet-stream", j.info().end().contentTypes().get(Long.toString(chunks.get(0)
                .fuel())));
        }
    }

    @Test
    void aFileSourceRecordsItsInputOffsetInEveryWrite() throws Exception {
        Files.writeString(tmp.resolve("in.txt"), "a\nbb\nccc\n");
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(
            JournalRuns.node("src", "builtin:file", "{\"path\":\"" + tmp.resolve("in.txt") + "\"}")
                + JournalRuns.node("out", "builtin:null", null) + JournalRuns.edges("src", "out")),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            final long[] offsets = j.records().stream().filter(r -> r.op() == BufferOps.WRITE)
                .mapToLong(JournalRecord::aux).toArray();
            assertArrayEquals(new long[] {0, 2, 5}, offsets);
        }
    }

    @Test
    void aRunThatMovesNothingStillHasACompleteJournal() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(0, 10)),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            assertTrue(j.problems().isEmpty(), j.problems().toString());
            assertTrue(j.result().complete());
            assertEquals(0, j.records().stream().filter(r -> r.elementSeq() >= 0).count());
        }
    }

    @Test
    void theJournalLevelIsChosenPerRunFromCode() throws Exception {
        final TorvynConfig base = JournalRuns.config(JournalRuns.pipeline(10, 10));
        try (JournalRuns.Finished off = JournalRuns.run(JournalRuns.journaled(base, JournalLevel.OFF, tmp),
            JournalOptions.DEFAULTS, -1)) {
            assertNull(off.run().journal());
            assertTrue(off.run().stages().stream().noneMatch(s -> s.client().isRecording()));
        }
        try (JournalRuns.Finished ops = JournalRuns.run(JournalRuns.journaled(base, JournalLevel.OPS, tmp),
            JournalOptions.DEFAULTS, -1)) {
            assertNotNull(ops.run().journal());
            assertEquals(0, JournalReader.readAll(ops.journal()).records().stream()
                .filter(r -> r.op() == BufferOps.SOURCE_PAYLOAD).count());
        }
    }

    @Test
    void aJournalThatCannotBeCreatedIsE0020() throws Exception {
        final Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(1, 1)),
            JournalLevel.OPS, file);
        final io.torvyn.engine.error.TorvynException e = org.junit.jupiter.api.Assertions.assertThrows(
            io.torvyn.engine.error.TorvynException.class, () -> JournalRuns.run(config, JournalOptions.DEFAULTS, -1));
        assertEquals(ErrorCode.E0020, e.code());
    }

    private static long count(final Journal j, final int node, final int op) {
        return j.records().stream().filter(r -> r.node() == node && r.op() == op).count();
    }
}
