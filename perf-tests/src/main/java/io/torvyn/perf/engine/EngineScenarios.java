package io.torvyn.perf.engine;

import io.torvyn.perf.ScenarioRegistry;

/**
 * The engine's rows of the perf suite, each the twin of a plain-Java baseline measured the same way: the pass-through
 * flow of the orchestration-overhead target ({@code builtin:generator} → 3 × {@code builtin:forward} →
 * {@code builtin:null}, journal off) in both execution modes.
 */
public final class EngineScenarios {

    private EngineScenarios() {
    }

    /** Adds the engine's rows after the baselines. */
    public static void registerInto(final ScenarioRegistry registry) {
        registry.register(new PassThroughFlowScenario("engine-shared", "shared", 64));
        registry.register(new PassThroughFlowScenario("engine-dedicated", "dedicated", 64));
    }
}
