package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.write.JournalClocks;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records a stage makes in one batch loop (taking, publishing, releasing) share one clock reading; every other
 * record reads the clock itself. With a clock that advances on every read, shared times show as equal times.
 */
class BatchClockTest {
    private static final int ELEMENTS = 256;

    @TempDir
    Path tmp;

    /** Every read advances the node's clock by 1 µs. */
    private static final JournalClocks TICKING = node -> {
        final AtomicLong now = new AtomicLong(1_000_000L * (node + 2));
        return () -> now.addAndGet(1_000);
    };

    @Test
    void aBatchLoopReadsTheClockOnceAndEverythingElseReadsItPerRecord() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(
            "[runtime]\nworker_threads = 1\n[runtime.scheduling]\nbatch_size = 32\nyield_batch = 32\n"
                + JournalRuns.pipeline(ELEMENTS, 48)), JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS.withClocks(TICKING), -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            assertTrue(j.problems().isEmpty(), j.problems().toString());

            final List<JournalRecord> consumes = of(j, 1, BufferOps.CONSUME);
            final List<JournalRecord> published = of(j, 0, BufferOps.PUBLISH);
            assertEquals(ELEMENTS, consumes.size());
            assertTrue(distinctTimes(consumes) < ELEMENTS / 2, "consumes of a batch share a time: "
                + distinctTimes(consumes) + " times for " + ELEMENTS);
            assertTrue(distinctTimes(published) < ELEMENTS / 2, "so do publishes");

            final List<JournalRecord> reads = of(j, 2, BufferOps.READ);
            final List<JournalRecord> writes = of(j, 0, BufferOps.WRITE);
            assertEquals(ELEMENTS, distinctTimes(reads), "a sink's reads happen one by one, in its call");
            assertEquals(ELEMENTS, distinctTimes(writes), "so do a source's writes");
            for (int node = 0; node < 3; node++) {
                long last = Long.MIN_VALUE;
                for (final JournalRecord r : j.records()) {
                    if (r.node() == node) {
                        assertTrue(r.timeNs() >= last, "time never goes back on node " + node + ": " + r);
                        last = r.timeNs();
                    }
                }
            }
        }
    }

    private static List<JournalRecord> of(final Journal j, final int node, final int op) {
        return j.records().stream().filter(r -> r.node() == node && r.op() == op).toList();
    }

    private static int distinctTimes(final List<JournalRecord> records) {
        final Set<Long> times = new HashSet<>();
        records.forEach(r -> times.add(r.timeNs()));
        return times.size();
    }
}
