package io.torvyn.engine.wasm.component;

import io.torvyn.engine.builtin.CollectSink;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.engine.wasm.chicory.ChicoryEngine;
import io.torvyn.engine.wasm.wasmtime.WasmtimeEngine;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Runs small flows with Wasm components from TOML text, resolving modules against the committed fixtures. */
final class ComponentFlows {
    /** The directory of the committed component fixtures ({@code .wat} sources and their {@code .wasm}). */
    static final Path DIR = fixtures();

    private static final String HEADER = "[torvyn]\nname = \"component-test\"\nversion = \"0.1.0\"\n";

    private ComponentFlows() {
    }

    /** Engine names for {@code @MethodSource}. */
    static Stream<String> engines() {
        return Stream.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);
    }

    static TorvynConfig config(final String toml) {
        return ConfigLoader.fromString(HEADER + toml, DIR);
    }

    /** A [runtime] table for {@code engine} with extra lines such as {@code error_policy = "skip-element"}. */
    static String runtime(final String engine, final String... lines) {
        final StringBuilder sb = new StringBuilder("[runtime]\nwasm_engine = \"").append(engine).append("\"\n");
        for (final String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    static String node(final String name, final String component, final String config, final String... lines) {
        final StringBuilder sb = new StringBuilder("[flow.main.nodes.").append(name).append("]\ncomponent = \"")
            .append(component).append("\"\n");
        if (config != null) {
            sb.append("config = '").append(config).append("'\n");
        }
        for (final String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    static String generator(final String name, final int count, final int size, final String pattern) {
        return node(name, "builtin:generator", "{\"count\":" + count + ",\"size\":" + size + ",\"pattern\":\""
            + pattern + "\"}");
    }

    static String collect(final String name, final int keep) {
        return node(name, "builtin:collect", "{\"keep\":" + keep + "}");
    }

    static String edges(final String... pairs) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append("[[flow.main.edges]]\nfrom = \"").append(pairs[i]).append("\"\nto = \"").append(pairs[i + 1])
                .append("\"\n");
        }
        return sb.toString();
    }

    /** Runs the flow to completion, bounded by a generous timeout so that a bug fails instead of hanging. */
    static Finished run(final String toml) throws InterruptedException {
        return run(toml, run -> { });
    }

    /** Same as {@link #run(String)}, with {@code beforeStart} applied to the prepared run (components not open yet). */
    static Finished run(final String toml, final Consumer<FlowRun> beforeStart) throws InterruptedException {
        final FlowRun run = Flows.prepare(config(toml), null, new RunOptions(-1, 60_000_000_000L));
        beforeStart.accept(run);
        run.start();
        if (!run.await(90_000_000_000L)) {
            run.cancel();
            run.await(10_000_000_000L);
            run.close();
            throw new AssertionError("flow did not finish in time");
        }
        return new Finished(run, run.summary());
    }

    /** A finished run; {@link #close()} frees the pool and the engines after the test has read the components. */
    record Finished(FlowRun run, RunSummary summary) implements AutoCloseable {
        RunSummary.NodeSummary node(final String name) {
            return summary.nodes().stream().filter(n -> n.node().equals(name)).findFirst().orElseThrow();
        }

        List<byte[]> payloads(final String sink) {
            return ((CollectSink) run.component(sink)).payloads();
        }

        long received(final String sink) {
            return ((CollectSink) run.component(sink)).received();
        }

        WasmComponent wasm(final String name) {
            return (WasmComponent) run.component(name);
        }

        @Override
        public void close() {
            run.close();
        }
    }

    private static Path fixtures() {
        try {
            return Path.of(ComponentFlows.class.getResource("/wasm/component/passthrough.wasm").toURI()).getParent();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
