package io.torvyn.perf.engine;

import io.torvyn.engine.config.JournalLevel;
import io.torvyn.perf.ScenarioRegistry;

/**
 * The engine's rows of the perf suite, each the twin of a plain-Java baseline measured the same way: the pass-through
 * flow of the orchestration-overhead target ({@code builtin:generator} → 3 × {@code builtin:forward} →
 * {@code builtin:null}, journal off) in both execution modes; then the journal target's flow (generator → Wasm
 * uppercase on chicory → null, 64-byte payloads) with the journal off, at {@code ops} and at {@code payloads}, whose
 * ratio against {@code journal-off} is the target (run them with {@code --reference journal-off}).
 */
public final class EngineScenarios {

    private EngineScenarios() {
    }

    /** Adds the engine's rows after the baselines. */
    public static void registerInto(final ScenarioRegistry registry) {
        registry.register(new PassThroughFlowScenario("engine-shared", "shared", 64));
        registry.register(new PassThroughFlowScenario("engine-dedicated", "dedicated", 64));
        registry.register(new JournalFlowScenario("journal-off", JournalLevel.OFF, 64));
        registry.register(new JournalFlowScenario("journal-ops", JournalLevel.OPS, 64));
        registry.register(new JournalFlowScenario("journal-payloads", JournalLevel.PAYLOADS, 64));
    }
}
