package io.torvyn.perf.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTableTest {

    private static final String HEADER = "| group | scenario | elem/round | median elem/s | spread "
        + "| ratio (× reference) | Δ ns/elem vs 1st ref | copies/elem | p50 µs | p99 µs | p999 µs | heap B/elem |\n"
        + "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n";

    @Test
    void rendersRatiosDeltasCopiesAndLowerBounds() {
        final List<TableRow> rows = List.of(
            new TableRow("g", new ScenarioSummary("ring", 10_000_000, 0.1, 0.0, true, 3), List.of(), 1000),
            new TableRow("g", new ScenarioSummary("queue", 2_000_000, 0.25, 77.714, true, 3), List.of("ring"), 1000),
            new TableRow("g", new ScenarioSummary("engine", 5_000_000, 0.05, 0.5, false, 3, RoundMetrics.copies(2),
                null), List.of("ring", "queue"), 500));
        final String expected = HEADER
            + "| g | ring | 1,000 | 10,000,000 | 10.0 % | – | – | – | – | – | – | 0.00 |\n"
            + "| g | queue | 1,000 | 2,000,000 | 25.0 % | 0.20 × ring | +400.0 | – | – | – | – | 77.71 |\n"
            + "| g | engine | 500 | 5,000,000 | 5.0 % | 0.50 × ring · 2.50 × queue | +100.0 | 2.00 | – | – | – "
            + "| ≥ 0.50 |\n";
        assertEquals(expected, ResultTable.render(rows));
    }

    @Test
    void pacedRowsCompareTheirP99AndShowPercentilesInMicroseconds() {
        final RoundMetrics twin = new RoundMetrics(Double.NaN, 2_000, 10_000, 50_000);
        final RoundMetrics engine = new RoundMetrics(1, 5_500, 30_000, 1_250_000);
        final List<TableRow> rows = List.of(
            new TableRow("lat", new ScenarioSummary("twin", 50_000, 0, 0, true, 3, twin, null), List.of(), 100),
            new TableRow("lat", new ScenarioSummary("flow", 49_990, 0, 1, true, 3, engine, null), List.of("twin"),
                100));
        final String table = ResultTable.render(rows);
        assertTrue(table.contains("| lat | flow | 100 | 49,990 | 0.0 % | p99 3.00 × twin | – | 1.00 | 5.5 | 30.0 "
            + "| 1,250.0 | 1.00 |"), table);
    }

    @Test
    void aRowThatCouldNotRunSaysWhyAndShowsNoFigure() {
        final List<TableRow> rows = List.of(
            new TableRow("j", ScenarioSummary.unavailable("journal-ops", "journal not merged"), List.of("off"), 10),
            new TableRow("j", new ScenarioSummary("x", 10, 0, 0, true, 1), List.of("journal-ops"), 10));
        final String table = ResultTable.render(rows);
        assertTrue(table.contains("| j | journal-ops | – | n/a: journal not merged | – | – | – | – | – | – | – | – |"),
            table);
        assertTrue(table.contains("| j | x | 10 | 10 | 0.0 % | n/a × journal-ops | – |"), table);
    }

    @Test
    void summaryTakesMediansAndSpreadOfTheRounds() {
        final ScenarioSummary summary = ScenarioSummary.of("s", List.of(
            new RoundSample(10, 4, true, new RoundMetrics(4, 100, 900, 5000)),
            new RoundSample(30, 1, true, new RoundMetrics(4, 300, 700, 1000)),
            new RoundSample(20, 2, false, new RoundMetrics(4, 200, 800, 3000))));
        assertEquals(20, summary.medianElementsPerSecond());
        assertEquals(1.0, summary.spread());
        assertEquals(2, summary.medianHeapBytesPerElement());
        assertEquals(false, summary.heapExact());
        assertEquals(new RoundMetrics(4, 200, 800, 3000), summary.metrics());
        assertEquals(15, ScenarioSummary.median(new double[] {20, 10}));
        assertTrue(Double.isNaN(ScenarioSummary.of("t", List.of(new RoundSample(1, 1, true))).metrics()
            .copiesPerElement()));
    }

    @Test
    void forkLinesRoundTrip() {
        final RoundSample s = new RoundSample(1234.5, 0.25, false, new RoundMetrics(4, 1, 2, 3));
        final var parsed = ForkRunner.parse(ForkRunner.line("engine-shared", s));
        assertEquals("engine-shared", parsed.getKey());
        assertEquals(s, parsed.getValue());
        assertEquals(null, ForkRunner.parse("warm-up engine-shared ..."));
    }
}
