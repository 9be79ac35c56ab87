package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench JSON of spec/observability.md (schema 1): {@link BenchResult} to a JSON tree in the spec's field order,
 * and back. Unmeasured figures are JSON nulls; two keys beyond the spec's list, {@code null_reasons} and
 * {@code notes}, say why and how to read them. Reading is strict about what a comparison needs and lenient about the
 * rest, so a baseline from a later build with extra keys still compares.
 */
public final class BenchJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    public static ObjectNode toJson(final BenchResult r) {
        final ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schema", r.schema());
        doc.put("name", r.name());
        doc.put("created", r.created());
        doc.putObject("machine").put("cores", r.machine().cores()).put("jdk", r.machine().jdk())
            .put("os", r.machine().os());
        doc.put("config_sha256", r.configSha256());
        doc.put("flow", r.flow());
        doc.put("warmup_s", r.warmupS());
        doc.put("duration_s", r.durationS());
        doc.put("elements", r.elements());
        final ObjectNode tp = doc.putObject("throughput");
        tp.put("elements_per_s", r.throughput().elementsPerS());
        tp.put("bytes_per_s", r.throughput().bytesPerS());
        final ObjectNode lat = doc.putObject("latency_ns");
        final BenchResult.Latency l = r.latency();
        lat.put("p50", l.p50()).put("p90", l.p90()).put("p95", l.p95()).put("p99", l.p99()).put("p999", l.p999())
            .put("max", l.max()).put("hdr", l.hdr());
        final ArrayNode components = doc.putArray("components");
        for (final BenchResult.Component c : r.components()) {
            components.addObject().put("node", c.node()).put("p50_ns", c.p50Ns()).put("p99_ns", c.p99Ns())
                .put("invocations", c.invocations()).put("errors", c.errors()).put("fuel_per_call", c.fuelPerCall())
                .put("copies", c.copies()).put("copy_bytes", c.copyBytes())
                .put("copies_per_element", c.copiesPerElement());
        }
        final BenchResult.Resources res = r.resources();
        final ObjectNode rs = doc.putObject("resources");
        rs.put("allocations", res.allocations());
        final ObjectNode reuse = rs.putObject("pool_reuse_rate");
        res.poolReuseRate().forEach(reuse::put);
        final ObjectNode fallback = rs.putObject("fallback");
        res.fallback().forEach(fallback::put);
        final ObjectNode exhaustion = rs.putObject("exhaustion_events");
        res.exhaustionEvents().forEach(exhaustion::put);
        rs.put("copies", res.copies()).put("copy_bytes", res.copyBytes())
            .put("copy_amplification", res.copyAmplification()).put("peak_memory_bytes", res.peakMemoryBytes());
        rs.putObject("peak_memory").put("pools", res.peakMemory().pools()).put("wasm", res.peakMemory().wasm())
            .put("heap", res.peakMemory().heap());
        final ObjectNode sch = doc.putObject("scheduling");
        sch.put("wakeups", r.scheduling().wakeups());
        final ArrayNode streams = sch.putArray("streams");
        for (final BenchResult.StreamFigures s : r.scheduling().streams()) {
            streams.addObject().put("stream", s.stream()).put("backpressure_events", s.backpressureEvents())
                .put("backpressure_ns", s.backpressureNs()).put("queue_peak", s.queuePeak())
                .put("capacity", s.capacity());
        }
        final ObjectNode reasons = doc.putObject("null_reasons");
        r.nullReasons().forEach(reasons::put);
        final ArrayNode notes = doc.putArray("notes");
        r.notes().forEach(notes::add);
        return doc;
    }

    public static String write(final BenchResult r) {
        try {
            return MAPPER.writeValueAsString(toJson(r)) + "\n";
        } catch (final Exception e) {
            throw new IllegalStateException("bench JSON could not be written", e);
        }
    }

    /** Thrown when a document is not a bench result this build can read. */
    public static final class Unreadable extends Exception {
        public Unreadable(final String message) {
            super(message);
        }
    }

    /** Reads a document written by {@link #toJson}; the caller has already checked {@code schema}. */
    public static BenchResult fromJson(final JsonNode doc) throws Unreadable {
        final JsonNode m = required(doc, "machine");
        final JsonNode tp = required(doc, "throughput");
        final JsonNode l = required(doc, "latency_ns");
        final JsonNode rs = required(doc, "resources");
        final JsonNode sch = doc.path("scheduling");
        final List<BenchResult.Component> components = new ArrayList<>();
        for (final JsonNode c : doc.path("components")) {
            components.add(new BenchResult.Component(c.path("node").asText(), optLong(c, "p50_ns"),
                optLong(c, "p99_ns"), c.path("invocations").asLong(), c.path("errors").asLong(),
                optDouble(c, "fuel_per_call"), c.path("copies").asLong(), c.path("copy_bytes").asLong(),
                optDouble(c, "copies_per_element")));
        }
        final JsonNode pm = rs.path("peak_memory");
        final BenchResult.Resources resources = new BenchResult.Resources(rs.path("allocations").asLong(),
            doubles(rs.path("pool_reuse_rate")), longs(rs.path("fallback")), longs(rs.path("exhaustion_events")),
            rs.path("copies").asLong(), rs.path("copy_bytes").asLong(), optDouble(rs, "copy_amplification"),
            optLong(rs, "peak_memory_bytes"), new BenchResult.PeakMemory(optLong(pm, "pools"), optLong(pm, "wasm"),
            optLong(pm, "heap")));
        final List<BenchResult.StreamFigures> streams = new ArrayList<>();
        for (final JsonNode s : sch.path("streams")) {
            streams.add(new BenchResult.StreamFigures(s.path("stream").asText(), s.path("backpressure_events").asLong(),
                s.path("backpressure_ns").asLong(), s.path("queue_peak").asLong(), s.path("capacity").asInt()));
        }
        final Map<String, String> reasons = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> it = doc.path("null_reasons").fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            reasons.put(e.getKey(), e.getValue().asText());
        }
        final List<String> notes = new ArrayList<>();
        doc.path("notes").forEach(n -> notes.add(n.asText()));
        return new BenchResult(doc.path("schema").asInt(), doc.path("name").asText(), doc.path("created").asText(),
            new BenchResult.Machine(m.path("cores").asInt(), m.path("jdk").asText(), m.path("os").asText()),
            doc.path("config_sha256").asText(), required(doc, "flow").asText(), doc.path("warmup_s").asDouble(),
            doc.path("duration_s").asDouble(), doc.path("elements").asLong(),
            new BenchResult.Throughput(optDouble(tp, "elements_per_s"), optDouble(tp, "bytes_per_s")),
            new BenchResult.Latency(optLong(l, "p50"), optLong(l, "p90"), optLong(l, "p95"), optLong(l, "p99"),
                optLong(l, "p999"), optLong(l, "max"), l.hasNonNull("hdr") ? l.get("hdr").asText() : null),
            components, resources, new BenchResult.Scheduling(optLong(sch, "wakeups"), streams), reasons, notes);
    }

    private static JsonNode required(final JsonNode doc, final String key) throws Unreadable {
        final JsonNode n = doc.get(key);
        if (n == null || n.isNull()) {
            throw new Unreadable("it has no `" + key + "`");
        }
        return n;
    }

    private static Long optLong(final JsonNode n, final String key) {
        final JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    private static Double optDouble(final JsonNode n, final String key) {
        final JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static Map<String, Double> doubles(final JsonNode n) {
        final Map<String, Double> map = new LinkedHashMap<>();
        n.fieldNames().forEachRemaining(k -> map.put(k, optDouble(n, k)));
        return map;
    }

    private static Map<String, Long> longs(final JsonNode n) {
        final Map<String, Long> map = new LinkedHashMap<>();
        n.fieldNames().forEachRemaining(k -> map.put(k, optLong(n, k)));
        return map;
    }
}
