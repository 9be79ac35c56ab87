package io.torvyn.perf.harness;

import java.util.List;

/**
 * A summary with what the table needs to place and compare it.
 *
 * @param group          table section
 * @param summary        the measured medians (or why the row did not run)
 * @param references     rows to compare with, first one also for the ns/elem difference
 * @param eventsPerRound elements per round this row ran
 */
public record TableRow(String group, ScenarioSummary summary, List<String> references, long eventsPerRound) {

    public TableRow {
        references = List.copyOf(references);
    }

    public String name() {
        return summary.name();
    }
}
