package io.torvyn.journal;

import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.trace.Trace;
import io.torvyn.journal.trace.TraceBuilder;
import io.torvyn.journal.trace.TraceFormat;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow sink behind a 4-deep queue: `--show-backpressure` shows queue depths and the stalls. */
class TraceBackpressureTest {
    @TempDir
    Path tmp;

    @Test
    void stallsAndQueueDepthsAreShown() throws Exception {
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(
            JournalRuns.node("gen", "builtin:generator", "{\"count\":60,\"size\":16}")
                + JournalRuns.node("slow", "builtin:null", "{\"delay\":\"200us\"}")
                + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"slow\"\nqueue_depth = 4\nbackpressure = \"block\"\n"),
            JournalLevel.OPS, tmp);
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, -1)) {
            final Journal j = JournalReader.readAll(f.journal());
            final Trace trace = TraceBuilder.build(j.info(), j.records(), 60, true);
            assertEquals(f.summary().backpressureEvents(), trace.summary().backpressureEvents());
            assertTrue(trace.summary().backpressureEvents() > 0);
            final String text = TraceFormat.text(trace, true);
            assertTrue(text.contains(" stall gen->slow "), text);
            assertTrue(text.matches("(?s).*B\\d+ publish → gen->slow q [1-4]/4.*"), text);
            final String plain = TraceFormat.text(TraceBuilder.build(j.info(), j.records(), 60, false), true);
            assertTrue(!plain.contains("stall") && !plain.contains("publish"), plain);
        }
    }
}
