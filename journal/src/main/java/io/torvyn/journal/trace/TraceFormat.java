package io.torvyn.journal.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Trace} the way spec/cli.md shows it: one block per element, one line per stage in path order
 * ({@code ┬─ ├─ └─}), the stage's verb and duration, with buffers its operations ({@code B17 write 180B (copy)}),
 * then the element's total; after the elements, a summary. {@link #json} gives the same as data.
 */
public final class TraceFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEPARATOR = " · ";
    private static final int MIN_NAME = 10;
    private static final int VERB = 10;
    private static final int MIN_DURATION = 5;

    private TraceFormat() {
    }

    /** The human trace; {@code buffers} lists each stage's operations. */
    public static String text(final Trace trace, final boolean buffers) {
        int label = 0;
        int name = MIN_NAME;
        int duration = MIN_DURATION;
        for (final Trace.Element e : trace.elements()) {
            label = Math.max(label, ("elem-" + e.sequence()).length());
            for (final Trace.Stage s : e.stages()) {
                name = Math.max(name, s.name().length());
                duration = Math.max(duration, duration(s.durationNs()).length());
            }
        }
        final String indent = " ".repeat(label + 2);
        final StringBuilder out = new StringBuilder();
        for (final Trace.Element e : trace.elements()) {
            final List<Trace.Stage> stages = e.stages();
            for (int i = 0; i < stages.size(); i++) {
                final Trace.Stage s = stages.get(i);
                final String head = i == 0 ? pad("elem-" + e.sequence(), label + 2) : indent;
                final String branch = stages.size() == 1 ? "──" : i == 0 ? "┬─" : i == stages.size() - 1 ? "└─" : "├─";
                final StringBuilder line = new StringBuilder(head).append(branch).append(' ')
                    .append(pad(s.name(), name + 1)).append(pad(s.verb(), VERB))
                    .append(padLeft(duration(s.durationNs()), duration));
                if (buffers && !s.ops().isEmpty()) {
                    line.append("  ").append(ops(s.ops()));
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            out.append(indent).append("total ").append(duration(e.totalNs())).append(SEPARATOR).append("copies ")
                .append(e.copies()).append(" (").append(e.copyBytes()).append("B)\n");
        }
        final Trace.Summary s = trace.summary();
        out.append('\n').append(summary(s)).append('\n');
        return out.toString();
    }

    /** The summary line after the elements. */
    public static String summary(final Trace.Summary s) {
        return "traced " + s.elements() + " element" + (s.elements() == 1 ? "" : "s")
            + (s.journalElements() > s.elements() ? " (of " + s.journalElements() + " in the journal)" : "")
            + SEPARATOR + "latency p50 " + duration(s.latencyP50Ns()) + " p99 " + duration(s.latencyP99Ns())
            + SEPARATOR + "copies/element " + String.format(Locale.ROOT, "%.1f", s.copiesPerElement())
            + SEPARATOR + "buffer reuse " + (Double.isNaN(s.bufferReuse()) ? "n/a (no allocations)"
            : String.format(Locale.ROOT, "%.1f%%", s.bufferReuse() * 100))
            + SEPARATOR + "backpressure events " + s.backpressureEvents();
    }

    /** One stage's operations: {@code B17 alloc small · B17 write 180B (copy)}. */
    public static String ops(final List<Trace.Op> ops) {
        final List<String> parts = new ArrayList<>();
        for (final Trace.Op op : ops) {
            parts.add(op(op));
        }
        return String.join(SEPARATOR, parts);
    }

    static String op(final Trace.Op op) {
        final StringBuilder sb = new StringBuilder();
        if (op.slot() >= 0) {
            sb.append('B').append(op.slot()).append(' ');
        }
        sb.append(op.op());
        switch (op.op()) {
            case "alloc":
            case "fallback-alloc":
                sb.append(' ').append(op.tier());
                break;
            case "write":
            case "read":
            case "clone":
                if (op.detail() != null) {
                    sb.append(' ').append(op.detail());
                }
                sb.append(' ').append(op.bytes()).append('B');
                if (op.copy()) {
                    sb.append(" (copy)");
                }
                break;
            case "publish":
                sb.append(" → ").append(op.stream()).append(' ').append(op.detail());
                break;
            case "stall":
                sb.append(' ').append(op.stream()).append(' ').append(op.detail());
                break;
            default:
                if (op.stream() != null) {
                    sb.append(' ').append(op.stream());
                }
                if (op.detail() != null) {
                    sb.append(' ').append(op.detail());
                }
                break;
        }
        return sb.toString();
    }

    /** The trace as one JSON document. */
    public static ObjectNode json(final Trace trace) {
        final ObjectNode doc = JSON.createObjectNode();
        final ArrayNode elements = doc.putArray("elements");
        for (final Trace.Element e : trace.elements()) {
            final ObjectNode el = elements.addObject();
            el.put("element", e.sequence()).put("total_ns", e.totalNs()).put("latency_ns", e.latencyNs())
                .put("copies", e.copies()).put("copy_bytes", e.copyBytes());
            final ArrayNode stages = el.putArray("stages");
            for (final Trace.Stage s : e.stages()) {
                final ObjectNode st = stages.addObject();
                st.put("node", s.name()).put("role", s.role()).put("verb", s.verb()).put("duration_ns", s.durationNs());
                final ArrayNode ops = st.putArray("ops");
                for (final Trace.Op op : s.ops()) {
                    final ObjectNode o = ops.addObject().put("op", op.op());
                    if (op.slot() >= 0) {
                        o.put("buffer", "B" + op.slot());
                    }
                    if (op.tier() != null) {
                        o.put("tier", op.tier());
                    }
                    o.put("bytes", op.bytes()).put("copy", op.copy());
                    if (op.stream() != null) {
                        o.put("stream", op.stream());
                    }
                    if (op.detail() != null) {
                        o.put("detail", op.detail());
                    }
                }
            }
        }
        final Trace.Summary s = trace.summary();
        final ObjectNode sum = doc.putObject("summary");
        sum.put("elements", s.elements()).put("journal_elements", s.journalElements())
            .put("latency_p50_ns", s.latencyP50Ns()).put("latency_p99_ns", s.latencyP99Ns())
            .put("copies", s.copies()).put("copy_bytes", s.copyBytes())
            .put("copies_per_element", s.copiesPerElement())
            .put("backpressure_events", s.backpressureEvents());
        if (Double.isNaN(s.bufferReuse())) {
            sum.putNull("buffer_reuse");
        } else {
            sum.put("buffer_reuse", s.bufferReuse());
        }
        return doc;
    }

    /** {@code 2.1µs}, {@code 1.2ms}, {@code 3.40s}. */
    public static String duration(final long ns) {
        if (ns < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fµs", ns / 1e3);
        }
        if (ns < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", ns / 1e9);
    }

    private static String pad(final String s, final int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String padLeft(final String s, final int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
