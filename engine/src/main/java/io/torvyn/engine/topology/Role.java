package io.torvyn.engine.topology;

/**
 * What a node does in a flow. The role decides which exports a component needs (component-abi.md) and which shapes
 * are legal: a source has no inputs, a sink no outputs, a router one output port per declared port.
 */
public enum Role {
    SOURCE,
    PROCESSOR,
    FILTER,
    ROUTER,
    AGGREGATOR,
    SINK;

    /** "source", "processor", ...: the word used in messages and reports. */
    public String key() {
        return name().toLowerCase();
    }

    public boolean hasInputs() {
        return this != SOURCE;
    }

    public boolean hasOutputs() {
        return this != SINK;
    }
}
