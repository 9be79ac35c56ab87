package io.torvyn.perf.harness;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the suite's result as one markdown table: a row per scenario, one ratio column per reference row (the
 * README states its targets as ratios between rows of one run), and the heap column of the allocation target.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(final List<ScenarioSummary> rows, final List<String> references) {
        final StringBuilder out = new StringBuilder();
        out.append("| scenario | median elem/s | spread |");
        for (final String reference : references) {
            out.append(" × ").append(reference).append(" |");
        }
        out.append(" heap B/elem |\n|---|---:|---:|");
        out.append("---:|".repeat(references.size()));
        out.append("---:|\n");
        for (final ScenarioSummary row : rows) {
            out.append("| ").append(row.name())
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f", row.medianElementsPerSecond()))
                .append(" | ").append(String.format(Locale.ROOT, "%.1f %%", row.spread() * 100))
                .append(" |");
            for (final String reference : references) {
                out.append(' ').append(ratio(row, find(rows, reference))).append(" |");
            }
            out.append(' ').append(row.heapExact() ? "" : "≥ ")
                .append(String.format(Locale.ROOT, "%.2f", row.medianHeapBytesPerElement())).append(" |\n");
        }
        return out.toString();
    }

    private static String ratio(final ScenarioSummary row, final Optional<ScenarioSummary> reference) {
        if (reference.isEmpty() || reference.get().medianElementsPerSecond() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f",
            row.medianElementsPerSecond() / reference.get().medianElementsPerSecond());
    }

    private static Optional<ScenarioSummary> find(final List<ScenarioSummary> rows, final String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst();
    }
}
