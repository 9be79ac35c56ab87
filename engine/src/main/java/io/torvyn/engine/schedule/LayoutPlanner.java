package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.CpuLists;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.RuntimeConfig;
import io.torvyn.engine.config.WaitStrategyKind;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which thread runs which stages on which CPU, from the flow's stages in topological order, the `[runtime]`
 * mode, worker count, wait strategy and `cpu_affinity`, and what the machine offers. Pure: no threads, no system
 * calls, so every layout rule is tested for machines the tests do not run on.
 *
 * <p>The rules, in the words of the warnings the run prints:
 * <ul>
 *   <li>No `cpu_affinity`: `dedicated` is one thread per stage; `shared` is `worker_threads` workers (0 = one per
 *       available core, at most one per stage), each running a contiguous slice of the topological order.</li>
 *   <li>List form: one pinned thread per listed CPU. `dedicated` pins stage i to the i-th CPU; with fewer CPUs than
 *       stages it cannot give each stage a core, so it <b>falls back to `shared`</b> with one worker per listed CPU
 *       (contiguous slices) and says so. `shared` runs `worker_threads` workers (0 = one per listed CPU, never more
 *       workers than CPUs).</li>
 *   <li>Table form: nodes mapped to the same CPU share one pinned thread, in topological order; unmapped nodes run
 *       unpinned (a thread each when `dedicated`, one worker when `shared`) on the housekeeping CPUs.</li>
 *   <li>Housekeeping CPUs are the CPUs this process may use minus the pinned ones; helper threads (journal, Wasm
 *       watchdogs) are kept there.</li>
 *   <li>Busy-spin needs a core per spinning thread: pinned threads have one by construction; when the unpinned
 *       threads outnumber the cores left to them they use `yielding` instead, with a warning.</li>
 * </ul>
 * A CPU id the machine does not have is an error (E0702), checked here because only the running machine knows.
 */
public final class LayoutPlanner {

    private static final String KEY = "runtime.cpu_affinity";

    private LayoutPlanner() {
    }

    /** The layout of {@code stages} (node names, topological order) under {@code rt} on {@code host}. */
    public static LayoutPlan plan(final List<String> stages, final RuntimeConfig rt, final HostCpus host) {
        return plan(stages, rt.mode(), rt.workerThreads(), rt.waitStrategy(), rt.cpuAffinity(), host);
    }

    /**
     * The layout of {@code stages} (node names, topological order).
     *
     * @throws TorvynException E0702 when {@code affinity} names a CPU that is not online on {@code host}
     */
    public static LayoutPlan plan(final List<String> stages, final ExecutionMode mode, final int workerThreads,
                                  final WaitStrategyKind wait, final CpuAffinity affinity, final HostCpus host) {
        if (stages.isEmpty()) {
            return new LayoutPlan(mode, List.of(), List.of(), List.of(), List.of());
        }
        final List<String> warnings = new ArrayList<>();
        final Builder b = new Builder(wait);
        ExecutionMode used = mode;
        if (!affinity.isSet()) {
            if (mode == ExecutionMode.DEDICATED) {
                stages.forEach(s -> b.add("stage-" + s, List.of(s), ThreadPlacement.UNPINNED));
            } else {
                final int wanted = workerThreads == 0 ? host.available() : workerThreads;
                slices(b, stages, Math.max(1, Math.min(wanted, stages.size())), null);
            }
            guardBusySpin(b, host.available(), false, warnings);
            return new LayoutPlan(used, b.threads, List.of(), List.of(), warnings);
        }
        checkOnline(affinity, host);
        if (affinity.isByNode()) {
            byNode(b, stages, mode, affinity.byNode(), warnings);
        } else {
            used = byList(b, stages, mode, workerThreads, affinity.cpus(), warnings);
        }
        final Set<Integer> pinned = new TreeSet<>();
        b.threads.forEach(t -> {
            if (t.pinned()) {
                pinned.add(t.cpu());
            }
        });
        final List<Integer> housekeeping = housekeeping(host, pinned, warnings);
        guardBusySpin(b, housekeeping.size(), true, warnings);
        notIsolated(host, pinned, warnings);
        return new LayoutPlan(used, b.threads, List.copyOf(pinned), housekeeping, warnings);
    }

    private static ExecutionMode byList(final Builder b, final List<String> stages, final ExecutionMode mode,
                                        final int workerThreads, final List<Integer> cpus,
                                        final List<String> warnings) {
        final int n = stages.size();
        if (mode == ExecutionMode.DEDICATED && cpus.size() >= n) {
            for (int i = 0; i < n; i++) {
                b.add("stage-" + stages.get(i), List.of(stages.get(i)), cpus.get(i));
            }
            unused(cpus, n, warnings);
            return ExecutionMode.DEDICATED;
        }
        final int workers;
        if (mode == ExecutionMode.DEDICATED) {
            workers = cpus.size();
            slices(b, stages, workers, cpus);
            warnings.add("cannot pin " + n + " stages to dedicated cores: cpu_affinity lists " + plural(cpus.size(),
                "CPU") + " (" + CpuLists.format(cpus) + "); running mode = \"shared\" instead with "
                + plural(workers, "worker") + " pinned one per CPU (" + b.summary() + ")");
            return ExecutionMode.SHARED;
        }
        int wanted = workerThreads == 0 ? cpus.size() : workerThreads;
        if (wanted > cpus.size()) {
            warnings.add("worker_threads = " + workerThreads + " but cpu_affinity lists " + plural(cpus.size(), "CPU")
                + ": running " + plural(cpus.size(), "worker") + ", one per CPU");
            wanted = cpus.size();
        }
        workers = Math.min(wanted, n);
        slices(b, stages, workers, cpus);
        unused(cpus, workers, warnings);
        return ExecutionMode.SHARED;
    }

    private static void byNode(final Builder b, final List<String> stages, final ExecutionMode mode,
                               final Map<String, Integer> byNode, final List<String> warnings) {
        for (final String name : byNode.keySet()) {
            if (!stages.contains(name)) {
                warnings.add("cpu_affinity names `" + name + "`, which is not a node of this flow: ignored");
            }
        }
        final Map<Integer, List<String>> groups = new LinkedHashMap<>();
        final List<String> unmapped = new ArrayList<>();
        for (final String s : stages) {
            final Integer cpu = byNode.get(s);
            if (cpu == null) {
                unmapped.add(s);
            } else {
                groups.computeIfAbsent(cpu, c -> new ArrayList<>()).add(s);
            }
        }
        int worker = 0;
        for (final Map.Entry<Integer, List<String>> g : groups.entrySet()) {
            final List<String> group = g.getValue();
            if (mode == ExecutionMode.DEDICATED && group.size() == 1) {
                b.add("stage-" + group.get(0), group, g.getKey());
            } else {
                b.add("worker-" + worker++, group, g.getKey());
                if (mode == ExecutionMode.DEDICATED) {
                    warnings.add("nodes " + String.join(", ", group) + " are all mapped to CPU " + g.getKey()
                        + ": they share one thread");
                }
            }
        }
        if (unmapped.isEmpty()) {
            return;
        }
        if (mode == ExecutionMode.DEDICATED) {
            unmapped.forEach(s -> b.add("stage-" + s, List.of(s), ThreadPlacement.UNPINNED));
        } else {
            b.add("worker-" + worker, unmapped, ThreadPlacement.UNPINNED);
        }
        warnings.add((unmapped.size() == 1 ? "node " : "nodes ") + String.join(", ", unmapped)
            + (unmapped.size() == 1 ? " has" : " have") + " no CPU in cpu_affinity: "
            + (unmapped.size() == 1 ? "it runs" : "they run") + " unpinned, on the housekeeping CPUs");
    }

    /**
     * Contiguous slices of the topological order, worker {@code w} pinned to {@code cpus[w]} when given. When the
     * stages do not divide evenly, the later slices take the extra stages: the first slice holds the sources, which
     * allocate and fill every buffer, while the stages after them mostly pass handles on (generator → 3 × forward →
     * null on two workers: [gen, f1] | [f2, f3, sink] ran 3.6 M elements/s against 2.6 M/s for
     * [gen, f1, f2] | [f3, sink], medians of three alternating runs).
     */
    private static void slices(final Builder b, final List<String> stages, final int workers,
                               final List<Integer> cpus) {
        final int base = stages.size() / workers;
        final int extra = stages.size() % workers;
        int from = 0;
        for (int w = 0; w < workers; w++) {
            final int size = base + (w >= workers - extra ? 1 : 0);
            b.add("worker-" + w, stages.subList(from, from + size), cpus == null ? ThreadPlacement.UNPINNED
                : cpus.get(w));
            from += size;
        }
    }

    private static List<Integer> housekeeping(final HostCpus host, final Set<Integer> pinned,
                                              final List<String> warnings) {
        final Set<Integer> free = new TreeSet<>(host.allowed());
        free.removeAll(pinned);
        if (free.isEmpty()) {
            free.addAll(host.online());
            free.removeAll(pinned);
        }
        if (free.isEmpty()) {
            warnings.add("cpu_affinity pins every CPU of this machine: housekeeping threads (journal, Wasm "
                + "watchdogs, GC, JIT) share CPUs with the stages; leave at least one CPU out of cpu_affinity");
        }
        return List.copyOf(free);
    }

    private static void guardBusySpin(final Builder b, final int cores, final boolean placed,
                                      final List<String> warnings) {
        if (b.wait != WaitStrategyKind.BUSY_SPIN) {
            return;
        }
        int unpinned = 0;
        for (final ThreadPlacement t : b.threads) {
            unpinned += t.pinned() ? 0 : 1;
        }
        if (unpinned == 0 || unpinned <= cores) {
            return;
        }
        for (int i = 0; i < b.threads.size(); i++) {
            final ThreadPlacement t = b.threads.get(i);
            if (!t.pinned()) {
                b.threads.set(i, new ThreadPlacement(t.name(), t.stages(), t.cpu(), WaitStrategyKind.YIELDING));
            }
        }
        if (placed) {
            warnings.add("busy-spin with " + unpinned + " unpinned spinning threads on "
                + plural(cores, "housekeeping CPU") + " would starve itself; those threads use `yielding` (give every "
                + "node a CPU in cpu_affinity)");
        } else {
            warnings.add("busy-spin with " + unpinned + " spinning threads on " + cores + " cores would starve itself; "
                + "using `yielding` for this run (pin one core per thread with [runtime] cpu_affinity, or use "
                + "mode = \"shared\" with fewer worker_threads)");
        }
    }

    private static void notIsolated(final HostCpus host, final Set<Integer> pinned, final List<String> warnings) {
        if (!host.hasIsolation()) {
            return;
        }
        final Set<Integer> shared = new TreeSet<>(pinned);
        shared.removeAll(host.isolated());
        if (!shared.isEmpty()) {
            warnings.add("pinned " + (shared.size() == 1 ? "CPU " : "CPUs ") + CpuLists.format(shared)
                + " not isolated (isolcpus=" + CpuLists.format(host.isolated()) + "): other tasks may run there");
        }
    }

    private static void unused(final List<Integer> cpus, final int used, final List<String> warnings) {
        if (cpus.size() > used) {
            final List<Integer> left = cpus.subList(used, cpus.size());
            warnings.add("cpu_affinity lists more CPUs than threads: " + (left.size() == 1 ? "CPU " : "CPUs ")
                + CpuLists.format(left) + " stay" + (left.size() == 1 ? "s" : "") + " unused");
        }
    }

    private static void checkOnline(final CpuAffinity affinity, final HostCpus host) {
        final Set<Integer> online = new LinkedHashSet<>(host.online());
        if (affinity.isByNode()) {
            for (final Map.Entry<String, Integer> e : affinity.byNode().entrySet()) {
                if (!online.contains(e.getValue())) {
                    throw missingCpu(e.getValue(), KEY + "." + e.getKey(), host);
                }
            }
            return;
        }
        for (final int cpu : affinity.cpus()) {
            if (!online.contains(cpu)) {
                throw missingCpu(cpu, KEY, host);
            }
        }
    }

    private static TorvynException missingCpu(final int cpu, final String key, final HostCpus host) {
        final String cpus = CpuLists.format(host.online());
        return new TorvynException(new Problem(ErrorCode.E0702, "invalid `" + key + "`: CPU " + cpu
            + " does not exist on this machine (online CPUs: " + cpus + ")", key,
            "choose CPUs from " + cpus + "; `torvyn doctor --flow NAME` recommends a layout for this machine"));
    }

    static String plural(final int n, final String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Threads in the order they are planned, all with the configured wait strategy until the busy-spin guard. */
    private static final class Builder {
        private final WaitStrategyKind wait;
        private final List<ThreadPlacement> threads = new ArrayList<>();

        Builder(final WaitStrategyKind wait) {
            this.wait = wait;
        }

        void add(final String name, final List<String> stages, final int cpu) {
            threads.add(new ThreadPlacement(name, stages, cpu, wait));
        }

        /** "worker-0: gen, f1 → CPU 2 · worker-1: sink → CPU 3". */
        String summary() {
            final StringBuilder sb = new StringBuilder();
            for (final ThreadPlacement t : threads) {
                if (sb.length() > 0) {
                    sb.append(" · ");
                }
                sb.append(t.name()).append(": ").append(String.join(", ", t.stages()));
                if (t.pinned()) {
                    sb.append(" → CPU ").append(t.cpu());
                }
            }
            return sb.toString();
        }
    }
}
