package io.torvyn.tools.bench;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of per-component processing time: one row per node, a bar for p50 and a thinner one for p99, on a
 * log scale (nodes differ by orders of magnitude), the likely bottleneck highlighted.
 */
final class ComponentBars {
    private static final int WIDTH = 960;
    private static final int LABEL = 170;
    private static final int RIGHT = 230;
    private static final int ROW = 34;
    private static final int TOP = 30;

    private ComponentBars() {
    }

    static String svg(final List<BenchResult.Component> components, final String bottleneck) {
        long min = Long.MAX_VALUE;
        long max = 1;
        for (final BenchResult.Component c : components) {
            if (c.p50Ns() != null) {
                min = Math.min(min, Math.max(1, c.p50Ns()));
                max = Math.max(max, Math.max(c.p50Ns(), c.p99Ns() == null ? 0 : c.p99Ns()));
            }
        }
        final double lo = min == Long.MAX_VALUE ? 0 : Math.floor(Math.log10(min));
        final double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        final int height = TOP + ROW * components.size() + 30;
        final int plotW = WIDTH - LABEL - RIGHT;
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"bars\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
            + "role=\"img\" aria-label=\"processing time per component\">%n", WIDTH, height, WIDTH, height));
        for (int d = (int) lo; d <= (int) hi; d++) {
            final double x = LABEL + plotW * (d - lo) / (hi - lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n", x, TOP - 8, x,
                height - 24, x, height - 8, Html.escape(Numbers.nanos(Math.pow(10, d)))));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"14\" height=\"10\" fill=\"#1f6feb\"/>"
            + "<text x=\"%d\" y=\"13\" class=\"legend\">p50</text><rect x=\"%d\" y=\"7\" width=\"14\" height=\"4\" "
            + "fill=\"#d1242f\"/><text x=\"%d\" y=\"13\" class=\"legend\">p99 (log scale)</text>%n", LABEL, LABEL + 18,
            LABEL + 60, LABEL + 78));
        for (int i = 0; i < components.size(); i++) {
            final BenchResult.Component c = components.get(i);
            final int y = TOP + ROW * i;
            final boolean slow = c.node().equals(bottleneck);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"%s\">%s</text>%n",
                LABEL - 8, y + 17, slow ? "label slow" : "label", Html.escape(c.node())));
            if (c.p50Ns() == null) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">not measured</text>%n",
                    LABEL + 4, y + 17));
                continue;
            }
            final double w50 = width(c.p50Ns(), lo, hi, plotW);
            final double w99 = c.p99Ns() == null ? 0 : width(c.p99Ns(), lo, hi, plotW);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\" "
                + "data-node=\"%s\" data-p50=\"%d\"/>%n", LABEL, y + 4, w50, slow ? "#cf222e" : "#1f6feb",
                Html.escape(c.node()), c.p50Ns()));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"4\" fill=\"#d1242f\"/>"
                + "%n", LABEL, y + 22, w99));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s / %s%s</text>%n",
                LABEL + Math.max(w50, w99) + 6, y + 17, Html.escape(Numbers.nanos(c.p50Ns())),
                Html.escape(Numbers.nanos(c.p99Ns())), slow ? "  bottleneck" : ""));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double width(final long ns, final double lo, final double hi, final int plotW) {
        final double pos = (Math.log10(Math.max(1, ns)) - lo) / (hi - lo);
        return Math.max(2, plotW * Math.min(1, Math.max(0, pos)));
    }
}
