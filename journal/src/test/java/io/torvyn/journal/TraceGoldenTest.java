package io.torvyn.journal;

import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.trace.Trace;
import io.torvyn.journal.trace.TraceBuilder;
import io.torvyn.journal.trace.TraceFormat;
import io.torvyn.journal.write.JournalClocks;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace of a recorded run, diffed against a checked-in expected text. Every node has its own clock that advances
 * a fixed step per record, and the flow moves one element per call, so durations depend only on what each stage did.
 */
class TraceGoldenTest {
    @TempDir
    Path tmp;

    /** Node n's clock starts at (n + 2) ms and advances (n + 2) × 100 ns per read (the flow's is node -1). */
    static final JournalClocks TICKING = node -> {
        final AtomicLong now = new AtomicLong(1_000_000L * (node + 2));
        final long step = 100L * (node + 2);
        final LongSupplier clock = () -> now.addAndGet(step);
        return clock;
    };

    private static final String ONE_AT_A_TIME = "[runtime]\nworker_threads = 1\n"
        + "[runtime.scheduling]\nbatch_size = 1\nyield_batch = 1\n";

    private Journal record(final int count) throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(ONE_AT_A_TIME
            + JournalRuns.pipeline(count, 64)), JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS.withClocks(TICKING), -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            assertTrue(j.problems().isEmpty(), j.problems().toString());
            return j;
        }
    }

    @Test
    void traceTextMatchesTheGoldenFile() throws Exception {
        final Journal j = record(5);
        final Trace trace = TraceBuilder.build(j.info(), j.records(), 100, false);
        check("trace-5-buffers.txt", TraceFormat.text(trace, true));
        check("trace-5.txt", TraceFormat.text(trace, false));
        check("trace-5.json", TraceFormat.json(trace).toPrettyString() + "\n");
    }

    @Test
    void tracingFewerElementsGivesThemTheSamePaths() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(500, 48)),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            final Trace all = TraceBuilder.build(j.info(), j.records(), Integer.MAX_VALUE, true);
            final Trace few = TraceBuilder.build(j.info(), j.records(), 7, true);
            assertEquals(7, few.elements().size());
            assertEquals(all.elements().subList(0, 7), few.elements());
            assertEquals(500, few.summary().journalElements());
            assertEquals(all.summary().backpressureEvents(), few.summary().backpressureEvents());
        }
    }

    @Test
    void traceTotalsEqualTheRunSummary() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(2_000, 48)),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            final Trace trace = TraceBuilder.build(j.info(), j.records(), Integer.MAX_VALUE, false);
            assertEquals(2_000, trace.summary().elements());
            assertEquals(f.summary().copies(), trace.summary().copies());
            assertEquals(f.summary().copyBytes(), trace.summary().copyBytes());
            assertEquals(2.0, trace.summary().copiesPerElement(), 1e-9);
            for (final Trace.Element e : trace.elements()) {
                assertEquals(3, e.stages().size(), "every element passes src, fwd, out");
                assertEquals(2, e.copies());
            }
            final long invokeEnds = j.records().stream().filter(r -> r.op() == io.torvyn.engine.buffer.BufferOps
                .INVOKE_END && r.node() == 2).mapToLong(JournalRecord::length).sum();
            assertEquals(2_000, invokeEnds, "the sink's calls covered every element once");
        }
    }

    /** Run with {@code -Dgolden.update=true} to rewrite the expected files from the current output. */
    private static void check(final String name, final String actual) throws Exception {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden").resolve(name), actual);
        }
        assertEquals(golden(name), actual);
    }

    private static String golden(final String name) throws Exception {
        try (InputStream in = TraceGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
