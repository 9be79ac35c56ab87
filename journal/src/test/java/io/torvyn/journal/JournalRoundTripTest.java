package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everyOperationOfARunIsReadBack() throws Exception {
        final var config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(1000, 100)), JournalLevel.OPS,
            tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            System.out.println(j.problems()); System.out.println(f.run().warnings());
            System.out.println(j.info().toJson());
            assertTrue(j.problems().isEmpty(), j.problems().toString());
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
            assertEquals(1000, j.records().stream().filter(r -> r.op() == BufferOps.CONSUME && r.node() == 2).count());
        }
    }
}
