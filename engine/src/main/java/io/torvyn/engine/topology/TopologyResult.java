package io.torvyn.engine.topology;

import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.util.List;

/**
 * The outcome of building one flow's topology: the graph, or every problem found (`check` lists them all).
 *
 * @param topology the graph, null when there is any problem
 * @param problems every problem found
 * @param warnings legal but suspicious shapes (e.g. a router port with no edge)
 */
public record TopologyResult(Topology topology, List<Problem> problems, List<String> warnings) {

    public TopologyResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty() && topology != null;
    }

    /** The topology, or a {@link TorvynException} carrying the first problem. */
    public Topology orThrow() {
        if (!problems.isEmpty()) {
            throw new TorvynException(problems.get(0));
        }
        return topology;
    }
}
