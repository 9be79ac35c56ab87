package io.torvyn.engine.topology;

import io.torvyn.engine.config.NodeConfig;

import java.util.List;

/**
 * One node of a validated {@link Topology}: its role and its edges by index. Immutable; the array accessors return
 * copies, so hold on to them rather than calling them in a loop.
 */
public final class TopologyNode {

    private final int index;
    private final String name;
    private final Role role;
    private final NodeConfig config;
    private final int[] inputEdges;
    private final int[][] outputEdgesByPort;
    private final List<String> ports;

    TopologyNode(final int index, final String name, final Role role, final NodeConfig config, final int[] inputEdges,
                 final int[][] outputEdgesByPort, final List<String> ports) {
        this.index = index;
        this.name = name;
        this.role = role;
        this.config = config;
        this.inputEdges = inputEdges.clone();
        this.outputEdgesByPort = new int[outputEdgesByPort.length][];
        for (int p = 0; p < outputEdgesByPort.length; p++) {
            this.outputEdgesByPort[p] = outputEdgesByPort[p].clone();
        }
        this.ports = List.copyOf(ports);
    }

    /** Position in {@link Topology#nodes()} (topological order). */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public NodeConfig config() {
        return config;
    }

    /** Indices of the edges into this node, in manifest order. */
    public int[] inputEdges() {
        return inputEdges.clone();
    }

    /**
     * Indices of the edges out of this node, per output port: one port (index 0) for a non-router, one per declared
     * port (in declared order) for a router; a sink has one empty port.
     */
    public int[][] outputEdgesByPort() {
        final int[][] copy = new int[outputEdgesByPort.length][];
        for (int p = 0; p < outputEdgesByPort.length; p++) {
            copy[p] = outputEdgesByPort[p].clone();
        }
        return copy;
    }

    /** Indices of the edges out of output port {@code port}. */
    public int[] outputEdges(final int port) {
        return outputEdgesByPort[port].clone();
    }

    /** Declared router ports, empty for other roles. */
    public List<String> ports() {
        return ports;
    }

    public int inputCount() {
        return inputEdges.length;
    }

    public int portCount() {
        return outputEdgesByPort.length;
    }

    /** Edges out of this node over all ports. */
    public int outputCount() {
        int n = 0;
        for (final int[] port : outputEdgesByPort) {
            n += port.length;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + "(" + role.key() + ")";
    }
}
