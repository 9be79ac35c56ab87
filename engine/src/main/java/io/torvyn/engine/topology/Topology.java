package io.torvyn.engine.topology;

import java.util.List;

/**
 * A flow as a validated graph: nodes in a topological order (sources first) and edges by index. Built only by
 * {@link TopologyBuilder}, so holding one means every rule of config.md's "Validation rules" held.
 */
public final class Topology {

    private final String flowName;
    private final List<TopologyNode> nodes;
    private final List<TopologyEdge> edges;

    Topology(final String flowName, final List<TopologyNode> nodes, final List<TopologyEdge> edges) {
        this.flowName = flowName;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
    }

    public String flowName() {
        return flowName;
    }

    /** Every node, producers before their consumers; {@link TopologyNode#index()} is the position here. */
    public List<TopologyNode> nodes() {
        return nodes;
    }

    /** Every edge in manifest order; {@link TopologyEdge#index()} is the position here. */
    public List<TopologyEdge> edges() {
        return edges;
    }

    public TopologyNode node(final int index) {
        return nodes.get(index);
    }

    /** The node named {@code name}, or null. */
    public TopologyNode node(final String name) {
        for (final TopologyNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    public TopologyEdge edge(final int index) {
        return edges.get(index);
    }

    @Override
    public String toString() {
        return "Topology[" + flowName + ": " + nodes + "]";
    }
}
