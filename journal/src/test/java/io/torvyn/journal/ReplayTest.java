package io.torvyn.journal;

import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.journal.replay.ReplayResult;
import io.torvyn.journal.replay.Replayer;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {
    @TempDir
    Path tmp;

    private Path record(final TorvynConfig config, final JournalLevel level) throws Exception {
        try (JournalRuns.Finished f = JournalRuns.run(JournalRuns.journaled(config, level, tmp),
            JournalOptions.DEFAULTS, -1)) {
            assertNull(f.summary().outcome());
            return f.journal();
        }
    }

    @Test
    void aPayloadJournalReplaysIdentically() throws Exception {
        final TorvynConfig config = JournalRuns.config(JournalRuns.pipeline(300, 90));
        final Path journal = record(config, JournalLevel.PAYLOADS);

        final ReplayResult r = new Replayer(journal, config, null).replay();

        assertNull(r.divergence(), () -> r.divergence().problem().render());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(300, r.elements());
        assertEquals(300 * 7, r.operations(), "src publish; fwd consume, forward, publish; out consume, read, release");
        assertEquals(0, r.exitCode());
    }

    @Test
    void payloadsLargerThanOneRecordAreReassembled() throws Exception {
        final TorvynConfig config = JournalRuns.config(JournalRuns.pipeline(20, 40_000));
        final ReplayResult r = new Replayer(record(config, JournalLevel.PAYLOADS), config, null).replay();
        assertNull(r.divergence(), () -> r.divergence().problem().render());
        assertEquals(20, r.elements());
    }

    @Test
    void aProcessorThatNowDropsIsTheFirstDivergence() throws Exception {
        final TorvynConfig config = JournalRuns.config(JournalRuns.pipeline(50, 32));
        final Path journal = record(config, JournalLevel.PAYLOADS);
        final ComponentFactory dropOdd = (cfg, node) -> node.name().equals("fwd")
            ? (TransformComponent) (ctx, in, out) -> {
                for (int i = in.start(); i < in.end(); i++) {
                    if (in.sequence(i) % 2 == 0) {
                        out.forward(in, i, Emitter.DEFAULT_PORT);
                    }
                }
            } : Flows.builtins().create(cfg, node);

        final ReplayResult r = new Replayer(journal, config, dropOdd).replay();

        final ReplayResult.Divergence d = r.divergence();
        assertEquals("element 1", d.element());
        assertEquals("fwd", d.stage());
        assertEquals(1, d.operation());
        assertEquals("`forward`", d.expected());
        assertEquals("`release`", d.actual());
        assertEquals(ErrorCode.E0602, r.divergenceProblem().code());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.elements(), "element 0 compared identical before the divergence");
    }

    @Test
    void aSinkChangedInTheManifestIsTheFirstDivergence() throws Exception {
        final TorvynConfig recorded = JournalRuns.config(JournalRuns.pipeline(10, 32));
        final Path journal = record(recorded, JournalLevel.PAYLOADS);
        final TorvynConfig changed = JournalRuns.config(JournalRuns.pipeline(10, 32)
            .replace("builtin:collect", "builtin:null").replace("config = '{\"keep\":10}'\n", ""));

        final ReplayResult r = new Replayer(journal, changed, null).replay();

        assertEquals("element 0", r.divergence().element());
        assertEquals("out", r.divergence().stage());
        assertEquals("`read 32B`", r.divergence().expected());
        assertEquals("`release`", r.divergence().actual());
    }

    @Test
    void anOpsJournalIsVerifiedByCountsAndSizes() throws Exception {
        final TorvynConfig config = JournalRuns.config(JournalRuns.pipeline(120, 64));
        final Path journal = record(config, JournalLevel.OPS);

        final ReplayResult same = new Replayer(journal, config, null).replay();
        assertNull(same.divergence(), () -> same.divergence().problem().render());
        assertEquals("ops", same.level());
        assertEquals(120, same.elements());

        final TorvynConfig bigger = JournalRuns.config(JournalRuns.pipeline(120, 65));
        final ReplayResult changed = new Replayer(journal, bigger, null).replay();
        assertEquals("src", changed.divergence().stage());
        assertEquals("120 × alloc (7680B, 0B copied)", changed.divergence().expected());
        assertEquals("120 × alloc (7800B, 0B copied)", changed.divergence().actual());
    }
}
