package io.torvyn.tools.bench;

import io.torvyn.engine.builtin.CollectSink;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short real benches whose figures are checked against counts taken independently: the `builtin:collect` sink's own
 * received count, and the runs' {@link RunSummary}s.
 */
class BenchRunTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** What the observer saw: the collect sink's count at the warm-up's end, and each finished run. */
    private static final class Counts implements BenchRunner.Observer {
        long receivedAtWarmup = -1;
        long copiesAtWarmup = -1;
        final List<RunSummary> runs = new ArrayList<>();
        final List<Long> received = new ArrayList<>();
        String placement;

        @Override
        public void warmupEnded(final FlowRun run) {
            receivedAtWarmup = ((CollectSink) run.component("out")).received();
            copiesAtWarmup = run.summary().copies();
        }

        @Override
        public void runFinished(final FlowRun run, final boolean measured) {
            if (measured) {
                runs.add(run.summary());
                received.add(((CollectSink) run.component("out")).received());
                placement = run.placementNote();
            }
        }
    }

    private BenchReport bench(final String genConfig, final long warmupNs, final long durationNs,
                              final Counts counts) throws Exception {
        final String body = BenchFixtures.pipeline(genConfig, "builtin:collect", "{\"keep\":1}");
        final Path manifest = dir.resolve("Torvyn.toml");
        Files.writeString(manifest, BenchFixtures.HEADER + body);
        final TorvynConfig cfg = BenchFixtures.config(body, dir);
        final BenchRequest request = new BenchRequest(cfg, manifest, List.of(), Map.of(), null, warmupNs, durationNs,
            "t", null, 5, null, dir);
        return new Bench(request, counts).run();
    }

    @Test
    void figuresAgreeWithTheSinksOwnCountAfterAWarmup() throws Exception {
        final Counts counts = new Counts();
        final BenchReport report = bench("{\"size\":64}", 300 * MS, 1000 * MS, counts);
        final BenchResult r = report.outcome().result();
        assertEquals(0, report.exitCode());
        assertNull(report.outcome().failure());
        assertEquals(1, counts.runs.size(), "an endless flow is one run");
        assertTrue(counts.receivedAtWarmup > 0, "the warm-up delivered elements");
        final long sinkCounted = counts.received.get(0) - counts.receivedAtWarmup;
        final long tolerance = 256 + sinkCounted / 100;
        assertTrue(Math.abs(r.elements() - sinkCounted) <= tolerance,
            "bench " + r.elements() + " vs sink " + sinkCounted);
        assertEquals(r.elements(), r.throughput().elementsPerS() * r.durationS(), r.elements() * 1e-9);
        assertTrue(r.durationS() >= 1.0 && r.durationS() < 5, "window " + r.durationS());
        final RunSummary summary = counts.runs.get(0);
        assertTrue(r.elements() < summary.elements(), "warm-up excluded");
        final long windowCopies = summary.copies() - counts.copiesAtWarmup;
        assertTrue(Math.abs(r.resources().copies() - windowCopies) <= 2 * tolerance,
            "bench copies " + r.resources().copies() + " vs run summary " + windowCopies);
        assertEquals(2.0, r.component("out").copiesPerElement() + r.component("gen").copiesPerElement(), 0.05,
            "one write at the source, one read at the collect sink");
        for (final BenchResult.StreamFigures s : r.scheduling().streams()) {
            assertTrue(s.queuePeak() <= s.capacity(), s.toString());
            assertEquals(64, s.capacity());
        }
        assertTrue(r.scheduling().wakeups() >= 0);
        if (counts.placement != null) {
            assertTrue(r.notes().contains(counts.placement), "where the balancer left the stages: " + r.notes());
            assertTrue(counts.placement.startsWith("stage placement: "), counts.placement);
        }
        assertNotNull(r.latency().p50());
        assertTrue(r.latency().p50() <= r.latency().p99() && r.latency().p99() <= r.latency().max());
        assertEquals(1.0, r.resources().poolReuseRate().get("small"));
        assertTrue(Files.exists(report.savedTo()));
        assertEquals(dir.resolve(".torvyn/bench/t.json"), report.savedTo());
    }

    @Test
    void withoutWarmupTheFiguresEqualTheRunSummary() throws Exception {
        final Counts counts = new Counts();
        final BenchResult r = bench("{\"size\":100}", 0, 400 * MS, counts).outcome().result();
        final RunSummary summary = counts.runs.get(0);
        assertEquals(summary.elements(), r.elements());
        assertEquals(counts.received.get(0), r.elements(), "the collect sink's own count");
        assertEquals(summary.copies(), r.resources().copies());
        assertEquals(summary.copyBytes(), r.resources().copyBytes());
        assertEquals(summary.bytes(), Math.round(r.throughput().bytesPerS() * r.durationS()));
        for (int i = 0; i < summary.streams().size(); i++) {
            final RunSummary.StreamSummary s = summary.streams().get(i);
            final BenchResult.StreamFigures f = r.scheduling().streams().get(i);
            assertEquals(s.peakDepth(), f.queuePeak());
            assertEquals(s.backpressureEvents(), f.backpressureEvents());
        }
    }

    @Test
    void aFlowThatEndsOnItsOwnIsRunAgainUntilTheWindowIsFull() throws Exception {
        final Counts counts = new Counts();
        final BenchResult r = bench("{\"size\":32,\"count\":10000}", 0, 1000 * MS, counts).outcome().result();
        assertTrue(counts.runs.size() > 1, "runs: " + counts.runs.size());
        long elements = 0;
        long copies = 0;
        for (final RunSummary s : counts.runs) {
            elements += s.elements();
            copies += s.copies();
        }
        assertEquals(elements, r.elements());
        assertEquals(copies, r.resources().copies());
        assertTrue(r.durationS() >= 1.0, "window " + r.durationS());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("spans " + counts.runs.size() + " run")),
            r.notes().toString());
    }
}
