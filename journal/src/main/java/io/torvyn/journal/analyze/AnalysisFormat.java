package io.torvyn.journal.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.journal.trace.TraceFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an {@link Analysis} as `torvyn analyze` prints it (aligned sections), or as one JSON document. */
public final class AnalysisFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisFormat() {
    }

    public static String text(final Analysis a) {
        final StringBuilder out = new StringBuilder();
        out.append("journal ").append(a.directory()).append('\n');
        out.append("flow ").append(a.flow()).append(" · level ").append(a.level()).append(" · ")
            .append(count(a.elements())).append(" elements · ").append(count(a.records())).append(" records · ")
            .append(TraceFormat.duration(a.durationNs())).append("\n\n");

        out.append("Copies by stage and reason\n");
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stage", "reason", "copies", "bytes"});
        for (final Analysis.CopyRow r : a.copies()) {
            rows.add(new String[] {r.stage(), r.reason(), count(r.copies()), count(r.bytes()) + " B"});
        }
        rows.add(new String[] {"total", "", count(a.copiesTotal()), count(a.copiedBytes()) + " B"});
        table(out, rows, 2);
        out.append("Copy amplification ").append(Double.isNaN(a.amplification()) ? "n/a (sources wrote nothing)"
            : String.format(Locale.ROOT, "%.2f×", a.amplification())).append(" (")
            .append(count(a.copiedBytes())).append(" B copied / ").append(count(a.sourceBytes()))
            .append(" B produced by sources)\n\n");

        out.append("Copies per element per stage\n");
        rows.clear();
        rows.add(new String[] {"stage", "elements", "copies", "per element", ""});
        for (final Analysis.StageElements s : a.perElement()) {
            rows.add(new String[] {s.stage(), count(s.elements()), count(s.copies()),
                String.format(Locale.ROOT, "%.2f", s.copiesPerElement()),
                s.flagged() ? "<- more than " + (int) Analyzer.COPIES_PER_ELEMENT_FLAG + " copies per element" : ""});
        }
        table(out, rows, 1);
        out.append('\n');

        out.append("Latency per stage (component calls, invoke-begin to invoke-end)\n");
        rows.clear();
        rows.add(new String[] {"stage", "calls", "p50", "p90", "p99", "max", "per element p50", "p99"});
        for (final Analysis.StageLatency l : a.latency()) {
            rows.add(new String[] {l.stage(), count(l.calls()), d(l.p50Ns()), d(l.p90Ns()), d(l.p99Ns()),
                d(l.maxNs()), d(l.elementP50Ns()), d(l.elementP99Ns())});
        }
        table(out, rows, 1);
        out.append('\n');

        final Analysis.Lifetimes lt = a.lifetimes();
        out.append("Buffer lifetimes (alloc to release): ").append(count(lt.buffers())).append(" buffers · p50 ")
            .append(d(lt.p50Ns())).append(" · p99 ").append(d(lt.p99Ns())).append(" · max ").append(d(lt.maxNs()));
        if (lt.open() > 0) {
            out.append(" · ").append(count(lt.open())).append(" never released in the journal");
        }
        out.append("\n\n");

        out.append("Pool reuse\n");
        rows.clear();
        rows.add(new String[] {"tier", "allocations", "fallback", "reuse", "buffers used", "uses per buffer"});
        for (final Analysis.TierReuse t : a.pools()) {
            rows.add(new String[] {t.tier(), count(t.allocations()), count(t.fallback()), Double.isNaN(t.reuse())
                ? "n/a" : String.format(Locale.ROOT, "%.1f%%", t.reuse() * 100), count(t.buffersUsed()),
                String.format(Locale.ROOT, "%.1f", t.usesPerBuffer())});
        }
        table(out, rows, 1);
        out.append('\n');

        out.append("Elements with the most copies\n");
        if (a.top().isEmpty()) {
            out.append("  (none copied)\n");
        }
        for (final Analysis.ElementCopies e : a.top()) {
            out.append("  elem-").append(e.element()).append("  ").append(e.copies()).append(" copies (")
                .append(count(e.bytes())).append(" B)\n");
        }
        return out.toString();
    }

    public static ObjectNode json(final Analysis a) {
        final ObjectNode doc = JSON.createObjectNode();
        doc.put("journal", a.directory()).put("flow", a.flow()).put("level", a.level()).put("elements", a.elements())
            .put("records", a.records()).put("duration_ns", a.durationNs());
        final ArrayNode copies = doc.putArray("copies");
        for (final Analysis.CopyRow r : a.copies()) {
            copies.addObject().put("stage", r.stage()).put("reason", r.reason()).put("copies", r.copies())
                .put("bytes", r.bytes());
        }
        doc.put("copies_total", a.copiesTotal()).put("copy_bytes", a.copiedBytes()).put("source_bytes",
            a.sourceBytes());
        number(doc, "copy_amplification", a.amplification());
        final ArrayNode per = doc.putArray("copies_per_element");
        for (final Analysis.StageElements s : a.perElement()) {
            per.addObject().put("stage", s.stage()).put("elements", s.elements()).put("copies", s.copies())
                .put("per_element", s.copiesPerElement()).put("flagged", s.flagged());
        }
        final ArrayNode lat = doc.putArray("latency");
        for (final Analysis.StageLatency l : a.latency()) {
            lat.addObject().put("stage", l.stage()).put("calls", l.calls()).put("p50_ns", l.p50Ns())
                .put("p90_ns", l.p90Ns()).put("p99_ns", l.p99Ns()).put("max_ns", l.maxNs())
                .put("element_p50_ns", l.elementP50Ns()).put("element_p99_ns", l.elementP99Ns());
        }
        final Analysis.Lifetimes lt = a.lifetimes();
        doc.putObject("buffer_lifetimes").put("buffers", lt.buffers()).put("p50_ns", lt.p50Ns())
            .put("p99_ns", lt.p99Ns()).put("max_ns", lt.maxNs()).put("never_released", lt.open());
        final ArrayNode pools = doc.putArray("pools");
        for (final Analysis.TierReuse t : a.pools()) {
            final ObjectNode o = pools.addObject().put("tier", t.tier()).put("allocations", t.allocations())
                .put("fallback", t.fallback());
            number(o, "reuse", t.reuse());
            o.put("buffers_used", t.buffersUsed()).put("uses_per_buffer", t.usesPerBuffer());
        }
        final ArrayNode top = doc.putArray("top_elements");
        for (final Analysis.ElementCopies e : a.top()) {
            top.addObject().put("element", e.element()).put("copies", e.copies()).put("bytes", e.bytes());
        }
        final ArrayNode problems = doc.putArray("problems");
        a.problems().forEach(p -> problems.addObject().put("code", p.code().name()).put("message", p.message())
            .put("where", p.where()).put("help", p.help()));
        return doc;
    }

    private static void number(final ObjectNode o, final String key, final double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String d(final long ns) {
        return TraceFormat.duration(ns);
    }

    private static String count(final long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Aligned columns, two spaces apart; titled columns from {@code rightFrom} on are right-aligned. */
    private static void table(final StringBuilder out, final List<String[]> rows, final int rightFrom) {
        final int cols = rows.get(0).length;
        final int[] width = new int[cols];
        for (final String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (final String[] r : rows) {
            final StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                final String cell = r[c];
                final String pad = " ".repeat(width[c] - cell.length());
                line.append(c >= rightFrom && !rows.get(0)[c].isEmpty() ? pad + cell : cell + pad);
                line.append(c < cols - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
