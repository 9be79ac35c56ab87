package io.torvyn.engine.component;

import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.topology.TopologyNode;

/**
 * Turns a topology node into the component that runs it. Built-ins and Wasm modules come from factories behind this
 * one interface, so the runtime does not know which kind it runs.
 */
public interface ComponentFactory {

    /** Creates (but does not open) the node's component; the result implements the interface of the node's role. */
    Component create(TorvynConfig config, TopologyNode node);
}
