package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.WaitStrategyKind;

/**
 * The `[runtime]` settings {@link LayoutAdvisor} recommends for a latency-critical run of one flow on one machine,
 * the reason in one line, and the layout they produce.
 *
 * @param mode     recommended `mode`
 * @param waitStrategy recommended `wait_strategy`
 * @param affinity recommended `cpu_affinity` ({@link CpuAffinity#NONE} when nothing can be pinned)
 * @param reason   why, in one line (what could not be done, and what is done instead)
 * @param plan     the layout these settings give on this machine
 */
public record LayoutAdvice(ExecutionMode mode, WaitStrategyKind waitStrategy, CpuAffinity affinity, String reason,
                           LayoutPlan plan) {

    /** The recommendation as a `[runtime]` snippet for `Torvyn.toml`. */
    public String toToml() {
        final StringBuilder sb = new StringBuilder("[runtime]\n");
        sb.append("mode = \"").append(mode.key()).append("\"\n");
        sb.append("wait_strategy = \"").append(waitStrategy.key()).append("\"\n");
        if (affinity.isSet()) {
            sb.append("cpu_affinity = ").append(affinity.toToml()).append('\n');
        }
        return sb.toString();
    }
}
