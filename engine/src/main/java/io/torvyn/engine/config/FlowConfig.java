package io.torvyn.engine.config;

import java.util.List;
import java.util.Map;

/**
 * One `[flow.NAME]` table.
 *
 * @param name              the flow's name (the table key)
 * @param description       free text, may be empty
 * @param defaultQueueDepth queue depth for edges without their own, already defaulted from `[runtime.backpressure]`
 * @param nodes             nodes in file order, keyed by name
 * @param edges             edges in file order
 */
public record FlowConfig(String name, String description, int defaultQueueDepth, Map<String, NodeConfig> nodes,
                         List<EdgeConfig> edges) {
}
