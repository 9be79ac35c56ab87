package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.CpuLists;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.WaitStrategyKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Recommends a pinned layout for a latency-critical run (what `torvyn doctor --flow` prints and
 * `scripts/bench-pinned.sh` uses when no cores are given): stages go on isolated CPUs when the kernel isolates some,
 * else on every CPU but the first, which stays for housekeeping (journal, Wasm watchdogs, GC, JIT, the OS). A core per
 * stage gives `dedicated` + `busy-spin`; fewer cores than stages give `shared` with one busy-spinning worker per core
 * (a spinning thread never shares its core); a single CPU gives no pinning at all.
 */
public final class LayoutAdvisor {

    private LayoutAdvisor() {
    }

    /** The recommendation for {@code stages} (node names, topological order) on {@code host}. */
    public static LayoutAdvice recommend(final List<String> stages, final HostCpus host) {
        final int n = stages.size();
        final List<Integer> candidates = new ArrayList<>();
        final List<Integer> housekeeping = new ArrayList<>();
        for (final int cpu : host.online()) {
            final boolean forStages = host.hasIsolation() ? host.isolated().contains(cpu)
                : cpu != host.online().get(0);
            (forStages ? candidates : housekeeping).add(cpu);
        }
        if (housekeeping.isEmpty() && candidates.size() > 1) {
            housekeeping.add(candidates.remove(0));
        }
        final String where = host.hasIsolation() ? "isolated " : "";
        final String machine = LayoutPlanner.plural(host.online().size(), "CPU") + " online, "
            + (housekeeping.isEmpty() ? "none" : "CPU " + CpuLists.format(housekeeping)) + " kept for housekeeping";
        if (candidates.isEmpty() || n == 0) {
            final LayoutPlan plan = LayoutPlanner.plan(stages, ExecutionMode.SHARED, 0, WaitStrategyKind.SLEEPING,
                CpuAffinity.NONE, host);
            return new LayoutAdvice(ExecutionMode.SHARED, WaitStrategyKind.SLEEPING, CpuAffinity.NONE,
                "cannot pin anything: " + machine + ", no CPU left for stages; shared mode with the default "
                    + "`sleeping` wait strategy, unpinned", plan);
        }
        if (candidates.size() >= n) {
            final CpuAffinity affinity = CpuAffinity.list(candidates.subList(0, n));
            final LayoutPlan plan = LayoutPlanner.plan(stages, ExecutionMode.DEDICATED, 0, WaitStrategyKind.BUSY_SPIN,
                affinity, host);
            return new LayoutAdvice(ExecutionMode.DEDICATED, WaitStrategyKind.BUSY_SPIN, affinity,
                LayoutPlanner.plural(n, "stage") + " on " + LayoutPlanner.plural(n, "dedicated " + where + "CPU")
                    + " (" + CpuLists.format(affinity.cpus()) + "), busy-spin; " + machine, plan);
        }
        final CpuAffinity affinity = CpuAffinity.list(candidates);
        final LayoutPlan plan = LayoutPlanner.plan(stages, ExecutionMode.SHARED, 0, WaitStrategyKind.BUSY_SPIN,
            affinity, host);
        return new LayoutAdvice(ExecutionMode.SHARED, WaitStrategyKind.BUSY_SPIN, affinity,
            "cannot pin " + LayoutPlanner.plural(n, "stage") + " to dedicated cores: " + machine + ", "
                + candidates.size() + " " + where + "left (" + CpuLists.format(candidates) + "); shared mode with "
                + LayoutPlanner.plural(candidates.size(), "worker") + " pinned one per CPU, busy-spin ("
                + plan.threads().stream().map(t -> t.name() + ": " + String.join(", ", t.stages()))
                    .reduce((a, b) -> a + " · " + b).orElse("") + ")", plan);
    }
}
