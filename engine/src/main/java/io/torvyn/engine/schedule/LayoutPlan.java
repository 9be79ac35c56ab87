package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuLists;
import io.torvyn.engine.config.ExecutionMode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a flow's threads run: the engine threads with their stages and CPUs, the CPUs left to housekeeping threads
 * (journal writer, Wasm watchdogs, the JVM's own), the execution mode actually used (a `dedicated` request that
 * cannot get a core per stage runs `shared`) and the warnings that explain every change to what was asked.
 *
 * @param mode             the execution mode the run uses
 * @param threads          engine threads, in start order
 * @param pinnedCpus       CPUs that engine threads are pinned to, ascending; empty when nothing is pinned
 * @param housekeepingCpus CPUs for every other thread when something is pinned, ascending; empty otherwise
 * @param warnings         one line per deviation from the configuration, for the run's warnings
 */
public record LayoutPlan(ExecutionMode mode, List<ThreadPlacement> threads, List<Integer> pinnedCpus,
                         List<Integer> housekeepingCpus, List<String> warnings) {

    public LayoutPlan {
        threads = List.copyOf(threads);
        pinnedCpus = List.copyOf(pinnedCpus);
        housekeepingCpus = List.copyOf(housekeepingCpus);
        warnings = List.copyOf(warnings);
    }

    /** True when some engine thread is pinned to a CPU. */
    public boolean pinned() {
        return !pinnedCpus.isEmpty();
    }

    /** The thread that runs stage {@code name}, or null. */
    public ThreadPlacement threadOf(final String name) {
        for (final ThreadPlacement t : threads) {
            if (t.stages().contains(name)) {
                return t;
            }
        }
        return null;
    }

    /** One line: mode, every thread, and where housekeeping runs. */
    public String describe() {
        final String body = threads.stream().map(ThreadPlacement::describe).collect(Collectors.joining(" · "));
        return "mode " + mode.key() + ": " + body + (pinned() ? " · housekeeping → CPU "
            + (housekeepingCpus.isEmpty() ? "(none left)" : CpuLists.format(housekeepingCpus)) : "");
    }
}
