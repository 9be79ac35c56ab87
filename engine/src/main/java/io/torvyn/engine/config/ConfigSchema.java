package io.torvyn.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key `Torvyn.toml` knows, table by table. Unknown-key detection, "did you mean" suggestions and the mapping of
 * `TORVYN_<SECTION>_<KEY>` variables all read this one description, so a new key is added in exactly one place.
 */
final class ConfigSchema {

    /** A table's own keys (values) and its sub-tables, both in the order the spec lists them. */
    record TableSchema(List<String> leaves, Map<String, TableSchema> tables) {

        static TableSchema of(final String... leaves) {
            return new TableSchema(List.of(leaves), Map.of());
        }

        TableSchema with(final String table, final TableSchema schema) {
            final Map<String, TableSchema> t = new LinkedHashMap<>(tables);
            t.put(table, schema);
            return new TableSchema(leaves, t);
        }

        /** Every key that may appear directly in this table. */
        List<String> keys() {
            final List<String> keys = new ArrayList<>(leaves);
            keys.addAll(tables.keySet());
            return keys;
        }

        /** Dotted paths of every key below this table, sub-tables included ("scheduling", "scheduling.yield_batch"). */
        List<String> paths() {
            final List<String> paths = new ArrayList<>(leaves);
            tables.forEach((name, sub) -> {
                paths.add(name);
                sub.paths().forEach(p -> paths.add(name + "." + p));
            });
            return paths;
        }

        /** Dotted paths of every leaf below this table ("scheduling.yield_batch"). */
        List<String> leafPaths() {
            final List<String> paths = new ArrayList<>(leaves);
            tables.forEach((name, sub) -> sub.leafPaths().forEach(p -> paths.add(name + "." + p)));
            return paths;
        }
    }

    static final List<String> TOP = List.of("torvyn", "component", "flow", "runtime", "journal", "observability");
    static final TableSchema TORVYN = TableSchema.of("name", "version", "contract_version");
    static final TableSchema COMPONENT = TableSchema.of("name", "path", "config");
    static final TableSchema FLOW = TableSchema.of("description", "default_queue_depth", "nodes", "edges");
    static final TableSchema NODE = TableSchema.of("component", "config", "fuel_per_invocation", "max_memory", "engine",
        "max_owned_bytes", "wasi", "ports", "flush_every");
    static final TableSchema EDGE = TableSchema.of("from", "to", "queue_depth", "backpressure");

    static final TableSchema SCHEDULING = TableSchema.of("yield_batch", "yield_quantum", "batch_size", "placement");
    static final TableSchema BACKPRESSURE = TableSchema.of("default_queue_depth", "policy", "low_watermark_ratio");
    static final TableSchema TIER = TableSchema.of("buffer_size", "count");
    static final TableSchema POOLS = TableSchema.of("exhaustion_policy", "max_buffer_size")
        .with("small", TIER).with("medium", TIER).with("large", TIER).with("huge", TIER);
    static final TableSchema RUNTIME = TableSchema.of("mode", "worker_threads", "wait_strategy", "wasm_engine",
            "max_owned_bytes_per_component", "fuel_per_invocation", "max_memory_per_component", "invocation_timeout",
            "error_policy", "cpu_affinity")
        .with("scheduling", SCHEDULING).with("backpressure", BACKPRESSURE).with("pools", POOLS);
    static final TableSchema JOURNAL = TableSchema.of("level", "path");
    static final TableSchema OBSERVABILITY = TableSchema.of("level", "prometheus");

    /** The tables `TORVYN_<SECTION>_<KEY>` variables may set. */
    static final Map<String, TableSchema> ENV_SECTIONS = Map.of(
        "runtime", RUNTIME, "journal", JOURNAL, "observability", OBSERVABILITY);

    private ConfigSchema() {
    }

    /**
     * The key path a `TORVYN_*` variable names ("runtime.scheduling.yield_batch" for
     * TORVYN_RUNTIME_SCHEDULING__YIELD_BATCH), or null when it names no leaf key.
     */
    static String envKeyPath(final String variable) {
        if (!variable.startsWith("TORVYN_")) {
            return null;
        }
        final String rest = variable.substring("TORVYN_".length());
        for (final Map.Entry<String, TableSchema> section : ENV_SECTIONS.entrySet()) {
            final String prefix = section.getKey().toUpperCase() + "_";
            if (!rest.startsWith(prefix)) {
                continue;
            }
            final String[] segments = rest.substring(prefix.length()).split("__", -1);
            TableSchema table = section.getValue();
            final StringBuilder path = new StringBuilder(section.getKey());
            for (int i = 0; i < segments.length; i++) {
                final String key = segments[i].toLowerCase();
                path.append('.').append(key);
                if (i == segments.length - 1) {
                    return table.leaves().contains(key) ? path.toString() : null;
                }
                table = table.tables().get(key);
                if (table == null) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Every `TORVYN_*` variable name that maps to a key, for suggestions. */
    static List<String> envVariables() {
        final List<String> names = new ArrayList<>();
        for (final String section : List.of("runtime", "journal", "observability")) {
            for (final String leaf : ENV_SECTIONS.get(section).leafPaths()) {
                names.add("TORVYN_" + section.toUpperCase() + "_" + leaf.replace(".", "__").toUpperCase());
            }
        }
        return names;
    }
}
