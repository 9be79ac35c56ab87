package io.torvyn.perf.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultTableTest {

    @Test
    void rendersOneRatioColumnPerReferenceAndMarksLowerBounds() {
        final List<ScenarioSummary> rows = List.of(
            new ScenarioSummary("ring", 12_000_000, 0.1, 0.0, true, 3),
            new ScenarioSummary("queue", 2_000_000, 0.25, 77.714, true, 3),
            new ScenarioSummary("engine", 6_000_000, 0.05, 0.5, false, 3));
        final String expected = String.join("\n",
            "| scenario | median elem/s | spread | × ring | × queue | heap B/elem |",
            "|---|---:|---:|---:|---:|---:|",
            "| ring | 12,000,000 | 10.0 % | 1.00 | 6.00 | 0.00 |",
            "| queue | 2,000,000 | 25.0 % | 0.17 | 1.00 | 77.71 |",
            "| engine | 6,000,000 | 5.0 % | 0.50 | 3.00 | ≥ 0.50 |",
            "");
        assertEquals(expected, ResultTable.render(rows, List.of("ring", "queue")));
    }

    @Test
    void summaryTakesMediansAndSpreadOfTheRounds() {
        final ScenarioSummary summary = ScenarioSummary.of("s", List.of(
            new RoundSample(10, 4, true), new RoundSample(30, 1, true), new RoundSample(20, 2, false)));
        assertEquals(20, summary.medianElementsPerSecond());
        assertEquals(1.0, summary.spread());
        assertEquals(2, summary.medianHeapBytesPerElement());
        assertEquals(false, summary.heapExact());
        assertEquals(15, ScenarioSummary.median(new double[] {20, 10}));
    }
}
