package io.torvyn.tools.bench;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of latency percentile curves (HdrHistogram style): the horizontal axis is
 * {@code log10(1 / (1 − p))}, labelled 0 %, 90 %, 99 %, 99.9 % …; the vertical axis is latency on a log scale too
 * (decades), so a median in microseconds and a tail in milliseconds are both readable.
 * Plain SVG, no script and no external reference, so the report renders anywhere offline.
 */
final class PercentilePlot {
    static final String[] COLORS = {"#1f6feb", "#d1242f", "#2da44e", "#8250df"};
    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 20;
    private static final int BOTTOM = 60;

    private PercentilePlot() {
    }

    /** The x position (decades of 1/(1−p)) of percentile {@code p}, capped at {@code maxDecades}. */
    static double decades(final double percentile, final double maxDecades) {
        final double remainder = 1 - percentile / 100;
        if (remainder <= 0) {
            return maxDecades;
        }
        return Math.min(maxDecades, Math.log10(1 / remainder));
    }

    static String svg(final List<PercentileCurve> curves) {
        long max = 1;
        long min = Long.MAX_VALUE;
        for (final PercentileCurve c : curves) {
            max = Math.max(max, c.maxValue());
            for (final PercentileCurve.Point p : c.points()) {
                min = Math.min(min, Math.max(1, p.valueNs()));
            }
        }
        final double maxDecades = Math.max(2, Math.min(6, decadesOfTail(curves)));
        final double yLo = min == Long.MAX_VALUE ? 0 : Math.floor(Math.log10(min));
        final double yHi = Math.max(yLo + 1, Math.ceil(Math.log10(max)));
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"plot\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
            + "role=\"img\" aria-label=\"latency by percentile\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
            + "stroke=\"#999\"/>%n", LEFT, TOP, plotW, plotH));
        for (int d = 0; d <= (int) Math.floor(maxDecades); d++) {
            final double x = LEFT + plotW * d / maxDecades;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n", x, TOP, x,
                TOP + plotH, x, TOP + plotH + 18, percentileLabel(d)));
        }
        for (int d = (int) yLo; d <= (int) yHi; d++) {
            final double v = Math.pow(10, d);
            final double y = TOP + plotH - plotH * (d - yLo) / (yHi - yLo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n", LEFT, y, LEFT + plotW,
                y, LEFT - 6, y + 4, Html.escape(Numbers.nanos(v))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">"
            + "percentile (axis: 1/(1&#8722;p), log scale)</text>%n", LEFT + plotW / 2, HEIGHT - 12));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" class=\"axis\" "
            + "transform=\"rotate(-90 16 %d)\">latency (log scale)</text>%n", TOP + plotH / 2, TOP + plotH / 2));
        for (int c = 0; c < curves.size(); c++) {
            final PercentileCurve curve = curves.get(c);
            final String color = COLORS[c % COLORS.length];
            final StringBuilder path = new StringBuilder();
            for (final PercentileCurve.Point p : curve.points()) {
                final double x = LEFT + plotW * decades(p.percentile(), maxDecades) / maxDecades;
                final double pos = (Math.log10(Math.max(1, p.valueNs())) - yLo) / (yHi - yLo);
                final double y = TOP + plotH - plotH * Math.min(1, Math.max(0, pos));
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                + "data-curve=\"%s\"/>%n", path, color, Html.escape(curve.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>%n", LEFT + 12, TOP + 14 + 18 * c, color,
                LEFT + 32, TOP + 20 + 18 * c, Html.escape(curve.label())));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Decades the data reaches: enough to show the last recorded percentile below 100 %. */
    private static double decadesOfTail(final List<PercentileCurve> curves) {
        double reach = 2;
        for (final PercentileCurve c : curves) {
            for (final PercentileCurve.Point p : c.points()) {
                if (p.percentile() < 100) {
                    reach = Math.max(reach, Math.ceil(decades(p.percentile(), 6)));
                }
            }
        }
        return reach;
    }

    private static String percentileLabel(final int decades) {
        if (decades == 0) {
            return "0%";
        }
        if (decades == 1) {
            return "90%";
        }
        return "99" + (decades > 2 ? "." + "9".repeat(decades - 2) : "") + "%";
    }
}
