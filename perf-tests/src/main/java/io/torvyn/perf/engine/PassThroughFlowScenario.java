package io.torvyn.perf.engine;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;

/**
 * The engine's orchestration-overhead row: the pass-through flow of the spec's first performance target, journal off.
 *
 * <pre>
 *   generator ──ring──► forward ──ring──► forward ──ring──► forward ──ring──► null
 *   (one 64-byte payload-write per element; every other hop moves only a handle)
 * </pre>
 *
 * Each round is one run of {@code events} elements (the generator's `--limit`), so the round includes start-up and
 * drain, like the baselines' rounds. Pools are sized to what the flow can have in flight, so a round does not pre-touch
 * tiers it never uses.
 */
public final class PassThroughFlowScenario implements Scenario {
    private final String name;
    private final TorvynConfig config;
    private final MeasuredThreadFactory threads;

    public PassThroughFlowScenario(final String name, final String mode, final int payloadSize) {
        this.name = name;
        this.threads = new MeasuredThreadFactory(name);
        this.config = ConfigLoader.fromString(String.join("\n",
            "[torvyn]", "name = \"perf\"", "version = \"0.1.0\"",
            "[runtime]", "mode = \"" + mode + "\"", "[observability]", "level = \"" + System.getProperty("perf.observability", "production") + "\"",
            "[runtime.pools]",
            "small = { buffer_size = \"256B\", count = 2048 }",
            "medium = { buffer_size = \"4KiB\", count = 1 }",
            "large = { buffer_size = \"64KiB\", count = 1 }",
            "huge = { buffer_size = \"1MiB\", count = 1 }",
            "[flow.main.nodes.gen]", "component = \"builtin:generator\"",
            "config = '{\"size\":" + payloadSize + "}'",
            "[flow.main.nodes.f1]", "component = \"builtin:forward\"",
            "[flow.main.nodes.f2]", "component = \"builtin:forward\"",
            "[flow.main.nodes.f3]", "component = \"builtin:forward\"",
            "[flow.main.nodes.sink]", "component = \"builtin:null\"",
            "[[flow.main.edges]]", "from = \"gen\"", "to = \"f1\"",
            "[[flow.main.edges]]", "from = \"f1\"", "to = \"f2\"",
            "[[flow.main.edges]]", "from = \"f2\"", "to = \"f3\"",
            "[[flow.main.edges]]", "from = \"f3\"", "to = \"sink\"", ""));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long run(final long events) {
        final FlowRun run = Flows.prepare(config, null, new RunOptions(events, 0, threads));
        try {
            final RunSummary summary = run.runToCompletion();
            if (summary.outcome() != null || summary.elements() != events || !summary.poolsFull()) {
                throw new TorvynException(ErrorCode.E0900, "engine flow delivered " + summary.elements() + " of "
                    + events + " (outcome " + summary.outcome() + ", pools full " + summary.poolsFull() + ")",
                    "perf scenario " + name, "a correctness bug in the engine: run the engine tests");
            }
            return summary.elements();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            run.close();
        }
    }
}
