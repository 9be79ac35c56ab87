package io.torvyn.perf.engine;

import java.nio.file.Path;

/**
 * The `Torvyn.toml` text of the suite's engine rows, assembled from small pieces so each row states only what makes it
 * different (mode, engine, fuel, journal level, the nodes). Pools are sized to what the flows keep in flight, so a
 * round does not pre-touch tiers it never uses.
 */
final class Manifests {

    private Manifests() {
    }

    /** A manifest with one flow `main`, {@code runtime} lines under `[runtime]` and {@code tail} (extra tables). */
    static String manifest(final String runtime, final String flow, final String tail) {
        return String.join("\n",
            "[torvyn]", "name = \"perf\"", "version = \"0.1.0\"",
            "[runtime]", runtime,
            "[runtime.pools]",
            "small = { buffer_size = \"256B\", count = 2048 }",
            "medium = { buffer_size = \"4KiB\", count = 512 }",
            "large = { buffer_size = \"64KiB\", count = 1 }",
            "huge = { buffer_size = \"1MiB\", count = 1 }",
            "[observability]", "level = \"" + System.getProperty("perf.observability", "production") + "\"",
            tail, flow, "");
    }

    /** A generator node: {@code size}-byte payloads of {@code pattern}, paced at {@code rate} elements/s when > 0. */
    static String generator(final String node, final int size, final String pattern, final long rate) {
        return node(node, "builtin:generator", "{\"size\":" + size + ",\"pattern\":\"" + pattern + "\""
            + (rate > 0 ? ",\"rate\":" + rate : "") + "}", "");
    }

    static String node(final String node, final String component, final String json, final String extra) {
        return "[flow.main.nodes." + node + "]\ncomponent = \"" + component + "\"\n"
            + (json == null ? "" : "config = '" + json + "'\n") + extra;
    }

    /** A Wasm node from a file, on {@code engine}. */
    static String wasm(final String node, final Path module, final String json, final String engine,
                       final String extra) {
        return node(node, "file:" + (module == null ? "missing.wasm" : module.toString().replace('\\', '/')), json,
            "engine = \"" + engine + "\"\n" + extra);
    }

    /** Edges along {@code nodes}, in order. */
    static String chain(final String... nodes) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < nodes.length; i++) {
            sb.append("[[flow.main.edges]]\nfrom = \"").append(nodes[i]).append("\"\nto = \"").append(nodes[i + 1])
                .append("\"\n");
        }
        return sb.toString();
    }
}
