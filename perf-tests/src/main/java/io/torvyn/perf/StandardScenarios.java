package io.torvyn.perf;

import io.torvyn.perf.baseline.BlockingQueuePipelineBaseline;
import io.torvyn.perf.baseline.DisruptorPipelineBaseline;
import io.torvyn.perf.engine.EngineScenarios;

/**
 * The rows {@link PerfSuite} runs by default: the two peer baselines of the README's orchestration-overhead target,
 * followed by whatever {@link EngineScenarios} contributes.
 */
public final class StandardScenarios {

    private StandardScenarios() {
    }

    /**
     * Builds the default registry. Construction is cheap: no scenario starts a thread before its first round.
     *
     * @param bufferSize slots per ring and capacity per queue of the baselines
     */
    public static ScenarioRegistry create(final int bufferSize) {
        final ScenarioRegistry registry = new ScenarioRegistry()
            .register(new DisruptorPipelineBaseline(bufferSize))
            .register(new BlockingQueuePipelineBaseline(bufferSize));
        EngineScenarios.registerInto(registry);
        return registry;
    }
}
