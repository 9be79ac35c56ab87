package io.torvyn.engine.stage;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.topology.Role;

/**
 * What a stage is wired to, assembled by the flow builder.
 *
 * @param name           node name
 * @param index          node index in topological order
 * @param role           the node's role
 * @param context        the component's context (pool, its buffer client, config)
 * @param stats          the node's counters
 * @param flow           run-wide control
 * @param inputs         input streams (fan-in), empty for sources
 * @param outputsByPort  output streams per port (fan-out); one port for non-routers, none for sinks
 * @param yieldBatch     elements a stage moves before yielding its worker
 * @param yieldQuantumNs or this long, whichever first
 * @param batchSize      elements per component call
 * @param timed          whether component calls are timed (observability above `off`)
 */
public record StageSpec(String name, int index, Role role, ComponentContext context, NodeStats stats, FlowControl flow,
                        Stream[] inputs, Stream[][] outputsByPort, int yieldBatch, long yieldQuantumNs,
                        int batchSize, boolean timed) {
}
