package io.torvyn.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * `[runtime] cpu_affinity`: which CPUs the flow's stage threads are pinned to, for latency-critical runs on machines
 * with cores to spare (ideally isolated with `isolcpus`). Either a list of CPU ids — one stage thread per CPU, in
 * topological order ({@link #cpus()}) — or a table from node name to CPU id ({@link #byNode()}); never both. Whether
 * the ids exist is a property of the machine that runs the flow, so it is checked when the flow starts, not here.
 *
 * @param cpus   the list form, distinct ids in the order written; empty when not used
 * @param byNode the table form, node name to CPU id in the order written; empty when not used
 */
public record CpuAffinity(List<Integer> cpus, Map<String, Integer> byNode) {

    /** No placement: threads run wherever the OS puts them (the default). */
    public static final CpuAffinity NONE = new CpuAffinity(List.of(), Map.of());

    public CpuAffinity {
        cpus = List.copyOf(cpus);
        byNode = Collections.unmodifiableMap(new LinkedHashMap<>(byNode));
        if (!cpus.isEmpty() && !byNode.isEmpty()) {
            throw new IllegalArgumentException("cpu_affinity is either a list or a table, not both");
        }
    }

    public static CpuAffinity list(final List<Integer> cpus) {
        return new CpuAffinity(cpus, Map.of());
    }

    public static CpuAffinity byNode(final Map<String, Integer> byNode) {
        return new CpuAffinity(List.of(), byNode);
    }

    /** True when any thread is to be pinned. */
    public boolean isSet() {
        return !cpus.isEmpty() || !byNode.isEmpty();
    }

    /** True for the table form (node name to CPU id). */
    public boolean isByNode() {
        return !byNode.isEmpty();
    }

    /** As it would be written in `Torvyn.toml`: `[2, 3]`, `{ src = 2, sink = 3 }` or `[]`. */
    public String toToml() {
        if (isByNode()) {
            return byNode.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
