package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spec/observability.md's bench JSON, schema 1, as assertions: every field present, with its type or null. */
final class BenchSchema {
    private BenchSchema() {
    }

    private static void field(final JsonNode parent, final String name, final Predicate<JsonNode> type,
                              final boolean nullable) {
        final JsonNode n = parent.get(name);
        assertTrue(n != null, "missing `" + name + "` in " + parent);
        assertTrue((nullable && n.isNull()) || type.test(n), "`" + name + "` has the wrong type: " + n);
    }

    private static final Predicate<JsonNode> INT = JsonNode::isIntegralNumber;
    private static final Predicate<JsonNode> NUMBER = JsonNode::isNumber;
    private static final Predicate<JsonNode> TEXT = JsonNode::isTextual;
    private static final Predicate<JsonNode> OBJECT = JsonNode::isObject;
    private static final Predicate<JsonNode> ARRAY = JsonNode::isArray;

    static void assertSchema1(final JsonNode doc) {
        assertEquals(1, doc.get("schema").asInt());
        field(doc, "schema", INT, false);
        field(doc, "name", TEXT, false);
        field(doc, "created", n -> n.isTextual() && n.asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
            false);
        field(doc, "machine", OBJECT, false);
        field(doc.get("machine"), "cores", INT, false);
        field(doc.get("machine"), "jdk", TEXT, false);
        field(doc.get("machine"), "os", TEXT, false);
        field(doc, "config_sha256", n -> n.isTextual() && n.asText().matches("[0-9a-f]+"), false);
        field(doc, "flow", TEXT, false);
        field(doc, "warmup_s", NUMBER, false);
        field(doc, "duration_s", NUMBER, false);
        field(doc, "elements", INT, false);
        field(doc, "throughput", OBJECT, false);
        field(doc.get("throughput"), "elements_per_s", NUMBER, true);
        field(doc.get("throughput"), "bytes_per_s", NUMBER, true);
        final JsonNode l = doc.get("latency_ns");
        field(doc, "latency_ns", OBJECT, false);
        for (final String p : new String[] {"p50", "p90", "p95", "p99", "p999", "max"}) {
            field(l, p, INT, true);
        }
        field(l, "hdr", TEXT, true);
        field(doc, "components", ARRAY, false);
        for (final JsonNode c : doc.get("components")) {
            field(c, "node", TEXT, false);
            field(c, "p50_ns", INT, true);
            field(c, "p99_ns", INT, true);
            field(c, "invocations", INT, false);
            field(c, "errors", INT, false);
            field(c, "fuel_per_call", NUMBER, true);
            field(c, "copies", INT, false);
            field(c, "copy_bytes", INT, false);
            field(c, "copies_per_element", NUMBER, true);
        }
        final JsonNode r = doc.get("resources");
        field(doc, "resources", OBJECT, false);
        field(r, "allocations", INT, false);
        field(r, "pool_reuse_rate", OBJECT, false);
        r.get("pool_reuse_rate").forEach(v -> assertTrue(v.isNull() || v.isNumber(), "reuse rate " + v));
        field(r, "fallback", OBJECT, false);
        r.get("fallback").forEach(v -> assertTrue(v.isIntegralNumber(), "fallback " + v));
        field(r, "exhaustion_events", OBJECT, false);
        r.get("exhaustion_events").forEach(v -> assertTrue(v.isIntegralNumber(), "exhaustion " + v));
        field(r, "copies", INT, false);
        field(r, "copy_bytes", INT, false);
        field(r, "copy_amplification", NUMBER, true);
        field(r, "peak_memory_bytes", INT, true);
        field(r, "peak_memory", OBJECT, false);
        for (final String p : new String[] {"pools", "wasm", "heap"}) {
            field(r.get("peak_memory"), p, INT, true);
        }
        final JsonNode s = doc.get("scheduling");
        field(doc, "scheduling", OBJECT, false);
        field(s, "wakeups", INT, true);
        field(s, "streams", ARRAY, false);
        for (final JsonNode st : s.get("streams")) {
            field(st, "stream", TEXT, false);
            field(st, "backpressure_events", INT, false);
            field(st, "backpressure_ns", INT, false);
            field(st, "queue_peak", INT, false);
            field(st, "capacity", INT, false);
        }
        field(doc, "null_reasons", OBJECT, false);
        field(doc, "notes", ARRAY, false);
    }
}
