package io.torvyn.tools.bench;

import java.util.List;
import java.util.Map;

/**
 * What the reports and tuning hints need about the flow and the run beyond the saved figures: each node's role and
 * fuel limit, each tier's buffer count, each stream's consumer, which sources are rate-limited, the uncorrected
 * latency. Not saved: a baseline is compared by its figures only.
 *
 * @param roles              node → role name ("source", "processor", ...)
 * @param fuelLimits         node → effective `fuel_per_invocation` of a Wasm node (0 = unmetered); built-ins absent
 * @param tierCounts         tier → configured `count`
 * @param consumers          stream label → consuming node
 * @param rateLimitedSources sources with a fixed `rate`: latency is then corrected for coordinated omission
 * @param uncorrectedLatency for rate-limited sources, latency from the actual emit time; null otherwise
 * @param runs               runs the measured window spans
 */
public record BenchDetails(Map<String, String> roles, Map<String, Long> fuelLimits, Map<String, Integer> tierCounts,
                           Map<String, String> consumers, List<String> rateLimitedSources,
                           BenchResult.Latency uncorrectedLatency, int runs) {

    public boolean latencyCorrected() {
        return !rateLimitedSources.isEmpty();
    }
}
