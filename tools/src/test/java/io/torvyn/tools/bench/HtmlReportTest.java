package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report is one self-contained file that carries its plot data; the plot's percentile axis. */
class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile(
        "<script type=\"application/json\" id=\"bench-data\">(.*?)</script>", Pattern.DOTALL);

    private static String hdr(final long scale) {
        final Histogram h = new Histogram(3);
        for (long v = 1; v <= 10_000; v++) {
            h.recordValue(v * scale);
        }
        return HdrCodec.encode(h);
    }

    private static String render() {
        final BenchFixtures.ResultBuilder now = new BenchFixtures.ResultBuilder();
        now.name = "now <&>";
        now.hdr = hdr(100);
        now.reuse.put("small", 0.5);
        final BenchFixtures.ResultBuilder base = new BenchFixtures.ResultBuilder();
        base.hdr = hdr(50);
        final BenchResult current = now.build();
        final BenchOutcome outcome = new BenchOutcome(current, BenchFixtures.details(Map.of()), null);
        final Comparison c = Comparison.of(base.build(), current, 5);
        return HtmlReport.render(outcome, Path.of("/p/.torvyn/bench/now.json"),
            TuningHints.of(current, outcome.details()), c);
    }

    @Test
    void theReportIsSelfContained() {
        final String html = render();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (final String external : List.of("http://", "https://", "src=", "href=", "<link", "@import", "url(")) {
            assertFalse(html.contains(external), "external reference `" + external + "`");
        }
        assertTrue(html.contains("<style>"), "inline CSS");
        assertFalse(html.contains("now <&>"), "text is escaped");
        assertTrue(html.contains("now &lt;&amp;&gt;"));
    }

    @Test
    void itHasEverySectionThePlotsAndTheComparison() {
        final String html = render();
        int at = -1;
        for (final String section : List.of("1. Throughput", "2. Latency", "3. Per-component", "4. Resources",
            "5. Scheduling", "Tuning hints", "Comparison with baseline")) {
            final int i = html.indexOf(section);
            assertTrue(i > at, section + " in order");
            at = i;
        }
        assertEquals(2, html.split("<svg ", -1).length - 1, "percentile plot and component bars");
        assertTrue(html.contains("data-curve=\"baseline (base)\""), "the baseline's curve");
        assertTrue(html.contains("99.9%") && html.contains("90%"), "percentile axis labels");
        assertTrue(html.contains("likely bottleneck"));
        assertTrue(html.contains("&lt; 80 %"), "a low reuse rate is flagged");
    }

    @Test
    void theEmbeddedDataHasBothCurvesAndTheResult() throws Exception {
        final Matcher m = DATA.matcher(render());
        assertTrue(m.find());
        final JsonNode data = BenchJson.MAPPER.readTree(m.group(1));
        final JsonNode curves = data.get("latency_curves");
        assertEquals(2, curves.size());
        for (final JsonNode c : curves) {
            final JsonNode points = c.get("points");
            assertTrue(points.size() > 20, "points: " + points.size());
            assertEquals(100.0, points.get(points.size() - 1).get(0).asDouble(), 1e-9);
        }
        final long currentMax = curves.get(0).get("points").get(curves.get(0).get("points").size() - 1).get(1)
            .asLong();
        assertEquals(HdrCodec.decode(hdr(100)).getMaxValue(), currentMax);
        BenchSchema.assertSchema1(data.get("result"));
    }

    @Test
    void thePercentileAxisIsLogOfOneOverTheRemainder() {
        assertEquals(0.0, PercentilePlot.decades(0, 6), 1e-12);
        assertEquals(1.0, PercentilePlot.decades(90, 6), 1e-9);
        assertEquals(3.0, PercentilePlot.decades(99.9, 6), 1e-9);
        assertEquals(6.0, PercentilePlot.decades(100, 6), 1e-12);
    }
}
