package io.torvyn.tools.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A bench result judged against a baseline: for each {@link Headline}, baseline, current, change in percent and a
 * {@link Verdict}. A change within {@code ±threshold} percent is noise; beyond it the figure's direction decides.
 * A figure that went from zero to non-zero has an unbounded change and is judged by direction alone. A regression is
 * any figure worse beyond the threshold; the CLI then exits 3.
 */
public final class Comparison {
    /** Exit code of a bench whose comparison found a regression (spec/cli.md). */
    public static final int EXIT_REGRESSION = 3;

    /**
     * One headline figure.
     *
     * @param changePercent (current − baseline) / baseline × 100; null when either side is missing or the baseline
     *                      is zero
     */
    public record Row(Headline figure, Double baseline, Double current, Double changePercent, Verdict verdict) {
    }

    private final BenchResult baseline;
    private final double thresholdPercent;
    private final List<Row> rows;

    private Comparison(final BenchResult baseline, final double thresholdPercent, final List<Row> rows) {
        this.baseline = baseline;
        this.thresholdPercent = thresholdPercent;
        this.rows = rows;
    }

    public static Comparison of(final BenchResult baseline, final BenchResult current, final double thresholdPercent) {
        final List<Row> rows = new ArrayList<>();
        for (final Headline h : Headline.values()) {
            rows.add(row(h, h.of(baseline), h.of(current), thresholdPercent));
        }
        return new Comparison(baseline, thresholdPercent, List.copyOf(rows));
    }

    static Row row(final Headline h, final Double base, final Double now, final double thresholdPercent) {
        if (base == null || now == null) {
            return new Row(h, base, now, null, Verdict.NOT_COMPARABLE);
        }
        if (base == 0) {
            final Verdict v = now == 0 ? Verdict.WITHIN_NOISE : improved(h, now > 0) ? Verdict.BETTER : Verdict.WORSE;
            return new Row(h, base, now, null, v);
        }
        final double change = (now - base) / Math.abs(base) * 100;
        final Verdict v;
        if (Math.abs(change) <= thresholdPercent) {
            v = Verdict.WITHIN_NOISE;
        } else {
            v = improved(h, change > 0) ? Verdict.BETTER : Verdict.WORSE;
        }
        return new Row(h, base, now, change, v);
    }

    private static boolean improved(final Headline h, final boolean wentUp) {
        return wentUp == h.higherIsBetter();
    }

    public BenchResult baseline() {
        return baseline;
    }

    public double thresholdPercent() {
        return thresholdPercent;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The figures worse beyond the threshold. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> r.verdict() == Verdict.WORSE).toList();
    }

    public boolean hasRegression() {
        return !regressions().isEmpty();
    }
}
