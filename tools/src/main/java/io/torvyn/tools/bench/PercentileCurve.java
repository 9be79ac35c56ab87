package io.torvyn.tools.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A latency percentile distribution as HdrHistogram plots it: value against percentile, on a horizontal axis of
 * {@code 1 / (1 − percentile)} (log scale), so 90 %, 99 %, 99.9 % … are equally spaced and the tail is visible.
 *
 * @param label  legend text
 * @param points (percentile in %, value in ns), ascending
 */
public record PercentileCurve(String label, List<Point> points) {

    /** One point of the curve. */
    public record Point(double percentile, long valueNs) {
    }

    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /** The curve of {@code h}, with HdrHistogram's percentile iteration (5 steps per halving of the remainder). */
    public static PercentileCurve of(final String label, final Histogram h) {
        final List<Point> points = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (final HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
                points.add(new Point(v.getPercentileLevelIteratedTo(), v.getValueIteratedTo()));
            }
        }
        return new PercentileCurve(label, List.copyOf(points));
    }

    /** The highest value on the curve (0 when empty). */
    public long maxValue() {
        long max = 0;
        for (final Point p : points) {
            max = Math.max(max, p.valueNs());
        }
        return max;
    }
}
