package io.torvyn.perf.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the suite's result as one markdown table: a row per scenario with its absolute rate, the ratio against the
 * rows it is compared with (the README states its targets as ratios between rows of one run), the extra nanoseconds
 * per element over its first reference, exact copies per element, end-to-end latency percentiles for the paced rows,
 * and the heap column of the allocation target. A row that could not run says why instead of showing a number.
 */
public final class ResultTable {

    private static final String NONE = "–";

    private ResultTable() {
    }

    public static String render(final List<TableRow> rows) {
        final StringBuilder out = new StringBuilder();
        out.append("| group | scenario | elem/round | median elem/s | spread | ratio (× reference) "
            + "| Δ ns/elem vs 1st ref | copies/elem | p50 µs | p99 µs | p999 µs | heap B/elem |\n");
        out.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (final TableRow row : rows) {
            final ScenarioSummary s = row.summary();
            out.append("| ").append(row.group()).append(" | ").append(s.name()).append(" | ");
            if (!s.ran()) {
                out.append(NONE).append(" | n/a: ").append(s.unavailable()).append(" |")
                    .append((" " + NONE + " |").repeat(8)).append('\n');
                continue;
            }
            final RoundMetrics m = s.metrics();
            out.append(String.format(Locale.ROOT, "%,d", row.eventsPerRound())).append(" | ")
                .append(String.format(Locale.ROOT, "%,.0f", s.medianElementsPerSecond())).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f %%", s.spread() * 100)).append(" | ")
                .append(ratios(row, rows)).append(" | ")
                .append(delta(row, rows)).append(" | ")
                .append(Double.isNaN(m.copiesPerElement()) ? NONE
                    : String.format(Locale.ROOT, "%.2f", m.copiesPerElement())).append(" | ")
                .append(micros(m.p50Ns())).append(" | ")
                .append(micros(m.p99Ns())).append(" | ")
                .append(micros(m.p999Ns())).append(" | ")
                .append(Double.isNaN(s.medianHeapBytesPerElement()) ? NONE : (s.heapExact() ? "" : "≥ ")
                    + String.format(Locale.ROOT, "%.2f", s.medianHeapBytesPerElement())).append(" |\n");
        }
        return out.toString();
    }

    /** "0.52 × a · 4.10 × b"; paced rows compare p99 latency instead of rate. */
    private static String ratios(final TableRow row, final List<TableRow> rows) {
        final List<String> parts = new ArrayList<>();
        final ScenarioSummary s = row.summary();
        for (final String name : row.references()) {
            final Optional<ScenarioSummary> ref = find(rows, name);
            if (ref.isEmpty() || !ref.get().ran()) {
                parts.add("n/a × " + name);
            } else if (s.metrics().hasLatency() && ref.get().metrics().hasLatency()) {
                parts.add(String.format(Locale.ROOT, "p99 %.2f × %s",
                    (double) s.metrics().p99Ns() / Math.max(1, ref.get().metrics().p99Ns()), name));
            } else if (ref.get().medianElementsPerSecond() > 0) {
                parts.add(String.format(Locale.ROOT, "%.2f × %s",
                    s.medianElementsPerSecond() / ref.get().medianElementsPerSecond(), name));
            }
        }
        return parts.isEmpty() ? NONE : String.join(" · ", parts);
    }

    /** Extra wall-clock nanoseconds per element over the first reference (1/rate − 1/reference rate). */
    private static String delta(final TableRow row, final List<TableRow> rows) {
        if (row.references().isEmpty() || row.summary().metrics().hasLatency()) {
            return NONE;
        }
        final Optional<ScenarioSummary> ref = find(rows, row.references().get(0));
        if (ref.isEmpty() || !ref.get().ran() || ref.get().medianElementsPerSecond() <= 0
            || row.summary().medianElementsPerSecond() <= 0) {
            return NONE;
        }
        final double ns = 1e9 / row.summary().medianElementsPerSecond() - 1e9 / ref.get().medianElementsPerSecond();
        return String.format(Locale.ROOT, "%+,.1f", ns);
    }

    private static String micros(final long ns) {
        return ns < 0 ? NONE : String.format(Locale.ROOT, "%,.1f", ns / 1e3);
    }

    private static Optional<ScenarioSummary> find(final List<TableRow> rows, final String name) {
        return rows.stream().map(TableRow::summary).filter(s -> s.name().equals(name)).findFirst();
    }
}
