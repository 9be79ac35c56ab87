package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `--report FILE`: one self-contained HTML page (inline CSS and SVG, no script to run, no external reference) with
 * the latency percentile plot (the baseline's curve too when comparing), per-component processing-time bars, the
 * resources and scheduling tables, the hints and the comparison. The plotted points and the result are also embedded
 * as JSON ({@code <script type="application/json" id="bench-data">}) so the page carries its own data.
 */
public final class HtmlReport {
    private final StringBuilder html = new StringBuilder();
    private final BenchResult r;
    private final BenchDetails d;

    private HtmlReport(final BenchOutcome outcome) {
        this.r = outcome.result();
        this.d = outcome.details();
    }

    public static String render(final BenchOutcome outcome, final Path savedTo, final List<Hint> hints,
                                final Comparison comparison) {
        final HtmlReport page = new HtmlReport(outcome);
        final List<PercentileCurve> curves = page.curves(comparison);
        page.head();
        page.summary(savedTo);
        page.latency(curves);
        page.components();
        page.resources();
        page.scheduling();
        page.hints(hints);
        if (comparison != null) {
            page.comparison(comparison);
        }
        page.data(curves);
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private List<PercentileCurve> curves(final Comparison comparison) {
        final List<PercentileCurve> curves = new ArrayList<>();
        if (r.latency().hdr() != null) {
            curves.add(PercentileCurve.of("current (" + r.name() + ")", HdrCodec.decode(r.latency().hdr())));
        }
        if (comparison != null && comparison.baseline().latency().hdr() != null) {
            try {
                final Histogram base = HdrCodec.decode(comparison.baseline().latency().hdr());
                curves.add(PercentileCurve.of("baseline (" + comparison.baseline().name() + ")", base));
            } catch (final IllegalArgumentException e) {
                // a baseline without a readable histogram is compared by its figures only
            }
        }
        return curves;
    }

    private void out(final String s) {
        html.append(s).append('\n');
    }

    private void head() {
        out("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
        out("<title>torvyn bench: " + Html.escape(r.flow()) + " " + Html.escape(r.name()) + "</title>");
        out("<style>\n"
            + "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1f2328;"
            + "max-width:1000px}\n"
            + "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;"
            + "padding-bottom:4px}\n"
            + "table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #eaeef2;"
            + "white-space:nowrap;text-align:right}td:first-child,th:first-child{text-align:left}\n"
            + "th{background:#f6f8fa}\n"
            + ".meta{color:#57606a}.note{color:#57606a;font-size:13px}.flag{color:#cf222e;font-weight:600}\n"
            + ".cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;"
            + "padding:8px 14px;min-width:150px}.card b{display:block;font-size:20px}\n"
            + "svg text{font:12px system-ui,sans-serif;fill:#1f2328}svg .tick{fill:#57606a}svg .slow{fill:#cf222e;"
            + "font-weight:600}\n"
            + ".better{color:#1a7f37}.worse{color:#cf222e;font-weight:600}\n"
            + "</style>\n</head>\n<body>");
    }

    private void summary(final Path savedTo) {
        out("<h1>Bench of flow <code>" + Html.escape(r.flow()) + "</code></h1>");
        out(String.format(Locale.ROOT, "<p class=\"meta\">%s · %.3f s measured after a %.3f s warm-up · %d cores, "
            + "JDK %s, %s · config %s</p>", Html.escape(r.created()), r.durationS(), r.warmupS(), r.machine().cores(),
            Html.escape(r.machine().jdk()), Html.escape(r.machine().os()),
            Html.escape(r.configSha256().substring(0, Math.min(12, r.configSha256().length())))));
        for (final String n : r.notes()) {
            out("<p class=\"note\">" + Html.escape(n) + "</p>");
        }
        if (savedTo != null) {
            out("<p class=\"note\">Result saved to <code>" + Html.escape(savedTo.toString()) + "</code></p>");
        }
        out("<h2>1. Throughput</h2>\n<div class=\"cards\">");
        card("elements/s", Numbers.rate(r.throughput().elementsPerS()));
        card("bytes/s (produced)", Numbers.byteRate(r.throughput().bytesPerS()));
        card("elements delivered", Numbers.count(r.elements()));
        out("</div>");
        reasons("throughput.");
    }

    private void card(final String label, final String value) {
        out("<div class=\"card\">" + Html.escape(label) + "<b>" + Html.escape(value) + "</b></div>");
    }

    private void reasons(final String prefix) {
        NullReasons.under(r, prefix).forEach((why, keys) -> out("<p class=\"note\">— <code>"
            + Html.escape(String.join(", ", keys)) + "</code>: " + Html.escape(why) + "</p>"));
    }

    private void latency(final List<PercentileCurve> curves) {
        out("<h2>2. Latency</h2>");
        out("<p class=\"meta\">Source emit to sink completion, HdrHistogram (3 significant digits)"
            + (d.latencyCorrected() ? ", corrected for coordinated omission" : "") + ".</p>");
        if (!curves.isEmpty()) {
            html.append(PercentilePlot.svg(curves));
        }
        final BenchResult.Latency l = r.latency();
        out("<table><tr><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
        out("<tr>" + td(Numbers.nanos(l.p50())) + td(Numbers.nanos(l.p90())) + td(Numbers.nanos(l.p95()))
            + td(Numbers.nanos(l.p99())) + td(Numbers.nanos(l.p999())) + td(Numbers.nanos(l.max())) + "</tr></table>");
        reasons("latency_ns.");
    }

    private static String td(final String s) {
        return "<td>" + Html.escape(s) + "</td>";
    }

    private static String th(final String... cells) {
        final StringBuilder sb = new StringBuilder("<tr>");
        for (final String c : cells) {
            sb.append("<th>").append(Html.escape(c)).append("</th>");
        }
        return sb.append("</tr>").toString();
    }

    private void components() {
        final BenchResult.Component bottleneck = TuningHints.bottleneck(r);
        out("<h2>3. Per-component</h2>");
        out("<p class=\"meta\">Processing time per element, excluding queue wait.</p>");
        html.append(ComponentBars.svg(r.components(), bottleneck == null ? null : bottleneck.node()));
        out("<table>" + th("node", "role", "p50", "p99", "invocations", "errors", "fuel/call", "copies/element",
            "copies", "copied"));
        for (final BenchResult.Component c : r.components()) {
            out("<tr>" + "<td>" + Html.escape(c.node()) + (c == bottleneck ? " <span class=\"flag\">likely bottleneck"
                + "</span>" : "") + "</td>" + td(d.roles().getOrDefault(c.node(), "")) + td(Numbers.nanos(c.p50Ns()))
                + td(Numbers.nanos(c.p99Ns())) + td(Numbers.count(c.invocations())) + td(Numbers.count(c.errors()))
                + td(c.fuelPerCall() == null ? "—" : Numbers.count(Math.round(c.fuelPerCall())))
                + td(Numbers.ratio(c.copiesPerElement())) + td(Numbers.count(c.copies()))
                + td(Numbers.bytes(c.copyBytes())) + "</tr>");
        }
        out("</table>");
        reasons("components.");
    }

    private void resources() {
        final BenchResult.Resources res = r.resources();
        out("<h2>4. Resources</h2>");
        out("<table>" + th("pool tier", "reuse", "fallback", "exhaustion"));
        for (final String tier : res.poolReuseRate().keySet()) {
            final Double rate = res.poolReuseRate().get(tier);
            final boolean low = rate != null && rate < TuningHints.MIN_REUSE;
            out("<tr><td>" + Html.escape(tier) + "</td><td" + (low ? " class=\"flag\"" : "") + ">"
                + Html.escape(Numbers.percent(rate)) + (low ? " &lt; 80 %" : "") + "</td>"
                + td(Numbers.count(res.fallback().getOrDefault(tier, 0L)))
                + td(Numbers.count(res.exhaustionEvents().getOrDefault(tier, 0L))) + "</tr>");
        }
        out("</table>");
        final BenchResult.PeakMemory pm = res.peakMemory();
        out("<table>" + th("figure", "value"));
        row("buffer allocations", Numbers.count(res.allocations()));
        row("copies", Numbers.count(res.copies()));
        row("copied bytes", Numbers.bytes(res.copyBytes()));
        row("copy amplification (copied / produced bytes)", Numbers.ratio(res.copyAmplification()));
        row("peak memory (sum of the parts' peaks)", Numbers.bytes(res.peakMemoryBytes()));
        row("· off-heap pools", Numbers.bytes(pm.pools()));
        row("· Wasm linear memories", Numbers.bytes(pm.wasm()));
        row("· JVM heap", Numbers.bytes(pm.heap()));
        out("</table>");
        reasons("resources.");
    }

    private void row(final String label, final String value) {
        out("<tr>" + td(label) + td(value) + "</tr>");
    }

    private void scheduling() {
        final BenchResult.Scheduling s = r.scheduling();
        out("<h2>5. Scheduling</h2>");
        out("<p>Worker wakeups (idle to busy): <b>" + (s.wakeups() == null ? "—" : Numbers.count(s.wakeups()))
            + "</b></p>");
        out("<table>" + th("stream", "backpressure events", "stalled", "queue peak", "capacity"));
        for (final BenchResult.StreamFigures f : s.streams()) {
            out("<tr>" + td(f.stream()) + td(Numbers.count(f.backpressureEvents())) + td(Numbers.nanos(
                f.backpressureNs())) + td(Long.toString(f.queuePeak())) + td(Integer.toString(f.capacity())) + "</tr>");
        }
        out("</table>");
        reasons("scheduling.");
    }

    private void hints(final List<Hint> hints) {
        if (hints.isEmpty()) {
            return;
        }
        out("<h2>Tuning hints</h2>\n<ul>");
        for (final Hint h : hints) {
            out("<li>" + Html.escape(h.text()) + "</li>");
        }
        out("</ul>");
    }

    private void comparison(final Comparison c) {
        out("<h2>Comparison with baseline <code>" + Html.escape(c.baseline().name()) + "</code></h2>");
        out(String.format(Locale.ROOT, "<p class=\"meta\">Baseline created %s; threshold %.1f %%.</p>",
            Html.escape(c.baseline().created()), c.thresholdPercent()));
        out("<table>" + th("figure", "baseline", "current", "change", "verdict"));
        for (final Comparison.Row row : c.rows()) {
            final String cls = row.verdict() == Verdict.WORSE ? "worse" : row.verdict() == Verdict.BETTER
                ? "better" : "";
            out("<tr>" + td(row.figure().label()) + td(Numbers.headline(row.figure(), row.baseline()))
                + td(Numbers.headline(row.figure(), row.current())) + td(Numbers.change(row.changePercent()))
                + "<td class=\"" + cls + "\">" + Html.escape(row.verdict().text()) + "</td></tr>");
        }
        out("</table>");
    }

    private void data(final List<PercentileCurve> curves) {
        final ObjectNode doc = BenchJson.MAPPER.createObjectNode();
        final ArrayNode plots = doc.putArray("latency_curves");
        for (final PercentileCurve c : curves) {
            final ObjectNode o = plots.addObject().put("label", c.label());
            final ArrayNode pts = o.putArray("points");
            for (final PercentileCurve.Point p : c.points()) {
                pts.addArray().add(p.percentile()).add(p.valueNs());
            }
        }
        doc.set("result", BenchJson.toJson(r));
        final String json = doc.toString().replace("<", "\\u003c");
        out("<script type=\"application/json\" id=\"bench-data\">" + json + "</script>");
    }
}
