package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.journal.analyze.Analysis;
import io.torvyn.journal.analyze.AnalysisFormat;
import io.torvyn.journal.analyze.Analyzer;
import io.torvyn.journal.write.JournalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzerTest {
    private static final int N = 400;
    private static final int SIZE = 100;

    @TempDir
    Path tmp;

    /** fwd reads every payload three times before passing it on: a stage that copies too much. */
    private static final ComponentFactory THRICE = (cfg, node) -> node.name().equals("fwd")
        ? (TransformComponent) (ctx, in, out) -> {
            final byte[] scratch = new byte[SIZE];
            final BufferClient c = ctx.client();
            for (int i = in.start(); i < in.end(); i++) {
                c.elementSeq = in.sequence(i);
                for (int k = 0; k < 3; k++) {
                    ctx.pool().read(c, in.handle(i), 0, scratch, 0, SIZE);
                }
                out.forward(in, i, Emitter.DEFAULT_PORT);
            }
        } : Flows.builtins().create(cfg, node);

    @Test
    void copiesLatencyLifetimesAndReuseComeFromTheJournal() throws Exception {
        final var config = JournalRuns.journaled(JournalRuns.config(JournalRuns.pipeline(N, SIZE)), JournalLevel.OPS,
            tmp);
        final Analysis a;
        try (JournalRuns.Finished f = JournalRuns.run(config, JournalOptions.DEFAULTS, THRICE, -1)) {
            a = Analyzer.analyze(f.journal());
            assertEquals(f.summary().copies(), a.copiesTotal());
            assertEquals(f.summary().copyBytes(), a.copiedBytes());
        }
        assertTrue(a.problems().isEmpty(), a.problems().toString());
        assertEquals(N, a.elements());
        assertEquals(3, a.copies().size(), a.copies().toString());
        assertEquals(new Analysis.CopyRow("src", "payload-write", N, (long) N * SIZE), a.copies().get(0));
        assertEquals(new Analysis.CopyRow("fwd", "payload-read", 3L * N, 3L * N * SIZE), a.copies().get(1));
        assertEquals(new Analysis.CopyRow("out", "payload-read", N, (long) N * SIZE), a.copies().get(2));
        assertEquals((long) N * SIZE, a.sourceBytes());
        assertEquals(5.0, a.amplification(), 1e-9);
        assertFalse(a.perElement().get(0).flagged());
        assertTrue(a.perElement().get(1).flagged(), "fwd copies 3 per element");
        assertEquals(3.0, a.perElement().get(1).copiesPerElement(), 1e-9);
        assertFalse(a.perElement().get(2).flagged());
        assertEquals(N, a.lifetimes().buffers());
        assertEquals(0, a.lifetimes().open());
        assertTrue(a.lifetimes().p50Ns() > 0);
        assertEquals("small", a.pools().get(0).tier());
        assertEquals(N, a.pools().get(0).allocations());
        assertEquals(1.0, a.pools().get(0).reuse(), 1e-9);
        assertEquals(10, a.top().size());
        assertEquals(5, a.top().get(0).copies());
        assertEquals(0, a.top().get(0).element(), "ties go to the earliest element");
        for (final Analysis.StageLatency l : a.latency()) {
            assertTrue(l.calls() > 0, l.toString());
            assertTrue(l.p50Ns() <= l.p99Ns() && l.p99Ns() <= l.maxNs(), l.toString());
        }
        final String text = AnalysisFormat.text(a);
        assertTrue(text.contains("Copy amplification 5.00×"), text);
        assertTrue(text.contains("<- more than 2 copies per element"), text);
        assertEquals(5.0, AnalysisFormat.json(a).get("copy_amplification").asDouble(), 1e-9);
    }
}
