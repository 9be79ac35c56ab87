package io.torvyn.engine.schedule;

import io.torvyn.engine.config.WaitStrategyKind;

import java.util.List;

/**
 * One engine thread of a flow as {@link LayoutPlanner} decided it: the stages it runs (in topological order), the CPU
 * it is pinned to (or {@link #UNPINNED}), and how it waits when idle.
 *
 * @param name   thread name suffix, e.g. "worker-0" or "stage-sink"
 * @param stages node names, in the order the thread runs them
 * @param cpu    CPU id, or {@link #UNPINNED} to run wherever the housekeeping threads run
 * @param waitStrategy the wait strategy this thread idles with
 */
public record ThreadPlacement(String name, List<String> stages, int cpu, WaitStrategyKind waitStrategy) {

    /** Not pinned to a CPU. */
    public static final int UNPINNED = -1;

    public ThreadPlacement {
        stages = List.copyOf(stages);
    }

    public boolean pinned() {
        return cpu != UNPINNED;
    }

    /** "worker-0 [gen, f1] → CPU 2" or "stage-sink [sink] unpinned". */
    public String describe() {
        return name + " [" + String.join(", ", stages) + "] " + (pinned() ? "→ CPU " + cpu : "unpinned");
    }
}
