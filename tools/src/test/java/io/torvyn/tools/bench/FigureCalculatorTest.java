package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.topology.Topology;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures from a window built by hand, so each is checked against arithmetic done here, and the JSON written for
 * them: every schema-1 field with its type, and a reason for every null.
 */
class FigureCalculatorTest {
    private static final FigureCalculator.Identity ID = new FigureCalculator.Identity("t", "2026-11-26T10:00:00Z",
        new BenchResult.Machine(2, "17", "Linux"), "00");

    @TempDir
    Path dir;

    private TorvynConfig config(final String genConfig) {
        return BenchFixtures.config(BenchFixtures.pipeline(genConfig, "builtin:null", null), dir);
    }

    /** gen → f → out over 2 s: 1000 elements of 64 B, small tier 900 pooled + 100 fallback. */
    private static MeasuredWindow window(final Topology topology) {
        final MeasuredWindow w = new MeasuredWindow(topology);
        final NodeCounters gen = new NodeCounters(40, 0, 1000, 0, 0, 0, 0, 1000, 64_000, 64_000);
        final NodeCounters f = new NodeCounters(40, 1000, 1000, 0, 0, 0, 0, 0, 0, 0);
        final NodeCounters out = new NodeCounters(40, 1000, 0, 2, 0, 0, 0, 0, 0, 0);
        final CounterSnapshot delta = new CounterSnapshot(new NodeCounters[] {gen, f, out},
            new StreamCounters[] {new StreamCounters(1000, 7, 300_000_000L, 0), StreamCounters.ZERO},
            new TierCounters[] {new TierCounters(900, 100, 100), TierCounters.ZERO, TierCounters.ZERO,
                TierCounters.ZERO}, 42);
        w.addRun(delta, 2_000_000_000L);
        for (int v = 1; v <= 1000; v++) {
            w.latency().recordValue(v * 1000L);
            w.processingTime(0).recordValue(500);
            w.processingTime(1).recordValue(20);
            w.processingTime(2).recordValue(10);
        }
        w.raiseQueuePeak(0, 64);
        w.raiseQueuePeak(1, 3);
        w.raiseMemory(1_000_000, 5_000_000);
        w.raiseWasmMemory(131_072);
        return w;
    }

    @Test
    void figuresFollowFromTheWindow() {
        final TorvynConfig cfg = config("{\"size\":64}");
        final BenchOutcome o = FigureCalculator.compute(cfg, window(Flows.topology(cfg, null)), ID, 300_000_000L);
        final BenchResult r = o.result();
        assertEquals(1000, r.elements());
        assertEquals(2.0, r.durationS());
        assertEquals(0.3, r.warmupS());
        assertEquals(500.0, r.throughput().elementsPerS());
        assertEquals(32_000.0, r.throughput().bytesPerS());
        final Histogram expected = new Histogram(3);
        for (int v = 1; v <= 1000; v++) {
            expected.recordValue(v * 1000L);
        }
        assertEquals(expected.getValueAtPercentile(50), r.latency().p50());
        assertEquals(expected.getValueAtPercentile(99.9), r.latency().p999());
        assertEquals(expected.getMaxValue(), r.latency().max());
        assertEquals(expected.getTotalCount(), HdrCodec.decode(r.latency().hdr()).getTotalCount());
        assertEquals(1000 + 0, r.resources().allocations());
        assertEquals(0.9, r.resources().poolReuseRate().get("small"), 1e-12);
        assertNull(r.resources().poolReuseRate().get("medium"));
        assertEquals(100L, r.resources().fallback().get("small"));
        assertEquals(100L, r.resources().exhaustionEvents().get("small"));
        assertEquals(1.0, r.resources().copyAmplification());
        assertEquals(1_000_000L + 131_072 + 5_000_000, r.resources().peakMemoryBytes());
        assertEquals(131_072L, r.resources().peakMemory().wasm());
        assertEquals(1.0, r.component("gen").copiesPerElement());
        assertEquals(0.0, r.component("f").copiesPerElement());
        assertEquals(2, r.component("out").errors());
        assertEquals(500, r.component("gen").p50Ns());
        assertNull(r.component("gen").fuelPerCall());
        assertEquals(42L, r.scheduling().wakeups());
        assertEquals(64, r.scheduling().streams().get(0).queuePeak());
        assertEquals(7, r.scheduling().streams().get(0).backpressureEvents());
        assertEquals(64, r.scheduling().streams().get(0).capacity());
        assertEquals("gen", TuningHints.bottleneck(r).node());
        assertFalse(o.details().latencyCorrected());
    }

    @Test
    void everyNullHasAReason() {
        final TorvynConfig cfg = config("{\"size\":64}");
        final BenchResult r = FigureCalculator.compute(cfg, window(Flows.topology(cfg, null)), ID, 0).result();
        final Map<String, String> reasons = r.nullReasons();
        assertTrue(reasons.get("components.gen.fuel_per_call").contains("built-in"));
        assertTrue(reasons.get("resources.pool_reuse_rate.medium").contains("no buffer"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("no warm-up")), r.notes().toString());
        assertNullsExplained(BenchJson.toJson(r), "", reasons);
    }

    @Test
    void aRateLimitedSourceMarksLatencyAsCorrected() {
        final TorvynConfig cfg = config("{\"size\":64,\"rate\":1000}");
        final MeasuredWindow w = window(Flows.topology(cfg, null));
        w.uncorrectedLatency().recordValue(700);
        final BenchOutcome o = FigureCalculator.compute(cfg, w, ID, 1);
        assertTrue(o.details().latencyCorrected());
        assertEquals(700, o.details().uncorrectedLatency().p50(), 1);
        assertTrue(o.result().notes().get(0).contains("coordinated omission"), o.result().notes().toString());
    }

    @Test
    void anEmptyWindowIsAllNullsWithTheReason() {
        final TorvynConfig cfg = config("{\"size\":64}");
        final MeasuredWindow w = new MeasuredWindow(Flows.topology(cfg, null));
        final BenchResult r = FigureCalculator.compute(cfg, w, ID, 1).result();
        assertNull(r.throughput().elementsPerS());
        assertNull(r.latency().p50());
        assertNull(r.resources().peakMemoryBytes());
        assertNull(r.scheduling().wakeups());
        assertTrue(r.nullReasons().get("throughput.elements_per_s").startsWith("nothing was measured"));
        assertNullsExplained(BenchJson.toJson(r), "", r.nullReasons());
    }

    @Test
    void jsonHasEverySchemaFieldWithItsType() throws Exception {
        final TorvynConfig cfg = config("{\"size\":64}");
        final BenchResult r = FigureCalculator.compute(cfg, window(Flows.topology(cfg, null)), ID, 1).result();
        final JsonNode doc = BenchJson.MAPPER.readTree(BenchJson.write(r));
        BenchSchema.assertSchema1(doc);
        assertEquals(r, BenchJson.fromJson(doc), "round trip");
    }

    /** Every JSON null in {@code node} has an entry in {@code null_reasons} under its path. */
    static void assertNullsExplained(final JsonNode node, final String path, final Map<String, String> reasons) {
        if (node.isNull()) {
            assertNotNull(reasons.get(path), "no reason for null `" + path + "`: " + reasons.keySet());
            return;
        }
        if (path.equals("null_reasons") || path.equals("notes")) {
            return;
        }
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                assertNullsExplained(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), reasons);
            }
        } else if (node.isArray()) {
            for (final JsonNode element : node) {
                final String id = element.has("node") ? element.get("node").asText()
                    : element.has("stream") ? element.get("stream").asText() : "?";
                assertNullsExplained(element, path + "." + id, reasons);
            }
        }
    }
}
