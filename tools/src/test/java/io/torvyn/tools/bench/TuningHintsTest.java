package io.torvyn.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each hint fires on a result built to trigger it, names its subject and knob, and stays quiet otherwise. */
class TuningHintsTest {

    private static List<Hint> of(final BenchFixtures.ResultBuilder b, final Map<String, Long> fuel) {
        return TuningHints.of(b.build(), BenchFixtures.details(fuel));
    }

    private static List<Hint> ofKind(final List<Hint> hints, final Hint.Kind kind) {
        return hints.stream().filter(h -> h.kind() == kind).toList();
    }

    @Test
    void aHealthyResultOnlyNamesTheBottleneck() {
        final List<Hint> hints = of(new BenchFixtures.ResultBuilder(), Map.of());
        assertEquals(1, hints.size(), hints.toString());
        assertEquals(Hint.Kind.BOTTLENECK, hints.get(0).kind());
        assertEquals("gen", hints.get(0).subject(), "highest p50");
    }

    @Test
    void theBottleneckIsTheHighestP50AndSkipsUnmeasuredNodes() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.components.set(0, BenchFixtures.ResultBuilder.component("gen", null, 1.0, null));
        b.components.set(2, BenchFixtures.ResultBuilder.component("out", 900L, 0.0, null));
        assertEquals("out", TuningHints.bottleneck(b.build()).node());
        assertTrue(ofKind(of(b, Map.of()), Hint.Kind.BOTTLENECK).get(0).text().contains("`out`"));
    }

    @Test
    void lowPoolReuseNamesTheTierAndItsCount() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.reuse.put("small", 0.79);
        b.fallback.put("small", 2100L);
        final List<Hint> pool = ofKind(of(b, Map.of()), Hint.Kind.POOL_SIZE);
        assertEquals(1, pool.size());
        assertEquals("small", pool.get(0).subject());
        assertTrue(pool.get(0).text().contains("[runtime.pools] small count (now 4096"), pool.get(0).text());
        b.reuse.put("small", 0.80);
        assertTrue(ofKind(of(b, Map.of()), Hint.Kind.POOL_SIZE).isEmpty(), "80 % is not below 80 %");
    }

    @Test
    void frequentBackpressureNamesTheConsumerWhereTheStallStarts() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.streams.set(0, new BenchResult.StreamFigures("gen->f", 500, 9_000_000_000L, 64, 64));
        b.streams.set(1, new BenchResult.StreamFigures("f->out", 400, 8_000_000_000L, 64, 64));
        final List<Hint> bp = ofKind(of(b, Map.of()), Hint.Kind.BACKPRESSURE);
        assertEquals(1, bp.size(), "gen->f is full only because f is held up by f->out: " + bp);
        assertEquals("f->out", bp.get(0).subject());
        assertTrue(bp.get(0).text().contains("consumer `out`"), bp.get(0).text());
        assertTrue(bp.get(0).text().contains("queue_depth"), bp.get(0).text());
    }

    @Test
    void rareBackpressureIsNoHint() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.streams.set(1, new BenchResult.StreamFigures("f->out", 3, 900_000_000L, 64, 64));
        assertTrue(ofKind(of(b, Map.of()), Hint.Kind.BACKPRESSURE).isEmpty(), "9 % of a 10 s window");
    }

    @Test
    void moreThanTwoCopiesPerElementPointsAtMetadataOnlyDecisions() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.components.set(1, BenchFixtures.ResultBuilder.component("f", 50L, 3.0, null));
        final List<Hint> copies = ofKind(of(b, Map.of()), Hint.Kind.COPIES);
        assertEquals(1, copies.size());
        assertEquals("f", copies.get(0).subject());
        assertTrue(copies.get(0).text().contains("torvyn_metadata_only"), copies.get(0).text());
        b.components.set(1, BenchFixtures.ResultBuilder.component("f", 50L, 2.004, null));
        assertTrue(ofKind(of(b, Map.of()), Hint.Kind.COPIES).isEmpty(), "a processor's read + write is 2, and the "
            + "window's edges may add a few thousandths");
    }

    @Test
    void fuelNearTheLimitSaysRaiseFuelPerInvocation() {
        final BenchFixtures.ResultBuilder b = new BenchFixtures.ResultBuilder();
        b.components.set(1, BenchFixtures.ResultBuilder.component("f", 50L, 0.0, 850_000.0));
        final List<Hint> fuel = ofKind(of(b, Map.of("f", 1_000_000L)), Hint.Kind.FUEL);
        assertEquals(1, fuel.size());
        assertTrue(fuel.get(0).text().contains("fuel_per_invocation"), fuel.get(0).text());
        assertTrue(fuel.get(0).text().contains("85 %"), fuel.get(0).text());
        assertTrue(ofKind(of(b, Map.of("f", 2_000_000L)), Hint.Kind.FUEL).isEmpty(), "43 % of the budget");
        assertTrue(ofKind(of(b, Map.of("f", 0L)), Hint.Kind.FUEL).isEmpty(), "unmetered");
    }
}
