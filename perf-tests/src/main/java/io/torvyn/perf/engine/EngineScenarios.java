package io.torvyn.perf.engine;

import io.torvyn.perf.ScenarioRegistry;

/**
 * Extension point for the engine's own rows of the perf suite; deliberately empty until the engine runtime can run a
 * flow. The README's orchestration-overhead target compares the pass-through flow ({@code builtin:generator} → 3 ×
 * {@code builtin:forward} → {@code builtin:null}, journal off) against the two baselines, so the expected rows are
 * one per execution mode, each added with one line here:
 *
 * <pre>{@code
 * registry.register(new PassThroughFlowScenario("engine-shared", ExecutionMode.SHARED));
 * registry.register(new PassThroughFlowScenario("engine-dedicated", ExecutionMode.DEDICATED));
 * }</pre>
 *
 * <p>A row builds its flow once (constructor or first round, which is a warm-up round), makes {@code run(events)}
 * generate exactly {@code events} elements and return how many reached the sink, throws a
 * {@link io.torvyn.engine.error.TorvynException} if the sink saw anything else, and creates its threads through
 * {@link io.torvyn.perf.harness.MeasuredThreadFactory} if the runtime accepts a thread factory. Each row's javadoc
 * carries an ASCII diagram of its topology, like the baselines'.
 */
public final class EngineScenarios {

    private EngineScenarios() {
    }

    /** Adds the engine's rows after the baselines. */
    public static void registerInto(final ScenarioRegistry registry) {
    }
}
