package io.torvyn.engine.runtime;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;

import java.nio.file.Path;

/** Builds and runs small flows from TOML text, the way a user's manifest would, for tests. */
final class FlowHarness {
    private FlowHarness() {
    }

    static final String HEADER = "[torvyn]\nname = \"test\"\nversion = \"0.1.0\"\n";

    static TorvynConfig config(final String toml, final Path baseDir) {
        return ConfigLoader.fromString(HEADER + toml, baseDir);
    }

    /**
     * Runs the flow to completion (bounded by a generous timeout so a bug fails instead of hanging). Stages stay on
     * the workers the layout plans (no balancer), so a multi-worker test really crosses threads;
     * {@code StageMigrationFlowTest} moves stages on purpose.
     */
    static Finished run(final String toml, final Path baseDir, final long limit) throws InterruptedException {
        return run(toml, baseDir, new RunOptions(limit, 60_000_000_000L).withBalancer(null));
    }

    /** As {@link #run(String, Path, long)} with the given options. */
    static Finished run(final String toml, final Path baseDir, final RunOptions options) throws InterruptedException {
        final TorvynConfig cfg = config(toml, baseDir);
        final FlowRun run = Flows.prepare(cfg, null, options);
        run.start();
        if (!run.await(90_000_000_000L)) {
            run.cancel();
            run.await(10_000_000_000L);
            throw new AssertionError("flow did not finish in time");
        }
        final RunSummary summary = run.summary();
        final Finished f = new Finished(run, summary);
        return f;
    }

    /** A finished run; {@link #close()} frees the pool after the test has read the components. */
    record Finished(FlowRun run, RunSummary summary) implements AutoCloseable {
        RunSummary.NodeSummary node(final String name) {
            return summary.nodes().stream().filter(n -> n.node().equals(name)).findFirst().orElseThrow();
        }

        RunSummary.StreamSummary stream(final String label) {
            return summary.streams().stream().filter(s -> s.stream().equals(label)).findFirst().orElseThrow();
        }

        @Override
        public void close() {
            run.close();
        }
    }

    static String edges(final String... pairs) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append("[[flow.main.edges]]\nfrom = \"").append(pairs[i]).append("\"\nto = \"").append(pairs[i + 1])
                .append("\"\n");
        }
        return sb.toString();
    }

    static String node(final String name, final String component, final String json) {
        return "[flow.main.nodes." + name + "]\ncomponent = \"" + component + "\"\n"
            + (json == null ? "" : "config = '" + json + "'\n");
    }
}
