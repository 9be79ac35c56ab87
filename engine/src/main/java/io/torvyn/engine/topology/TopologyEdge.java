package io.torvyn.engine.topology;

import io.torvyn.engine.config.BackpressurePolicy;

/**
 * One stream between two nodes, by index, so the runtime wires rings without name lookups.
 *
 * @param index        position in {@link Topology#edges()} (the order of the manifest's edges)
 * @param fromNode     producer's index in {@link Topology#nodes()}
 * @param fromPort     producer's output port index (0 unless the producer is a router)
 * @param toNode       consumer's index in {@link Topology#nodes()}
 * @param queueDepth   enforced capacity (>= 1)
 * @param backpressure policy when full
 * @param label        "src->dst" or "src:port->dst", used by metrics and reports
 */
public record TopologyEdge(int index, int fromNode, int fromPort, int toNode, int queueDepth,
                           BackpressurePolicy backpressure, String label) {
}
