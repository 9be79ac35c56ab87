package io.torvyn.engine.config;

/**
 * One `[[flow.F.edges]]` entry, resolved against flow and runtime defaults.
 *
 * @param from         producing node
 * @param fromPort     router port name, or null for the default output
 * @param to           consuming node
 * @param queueDepth   the enforced capacity (>= 1); the ring itself is the next power of two
 * @param backpressure effective policy for this edge
 */
public record EdgeConfig(String from, String fromPort, String to, int queueDepth, BackpressurePolicy backpressure) {

    /** "from->to" or "from:port->to": the stream label used by metrics and reports. */
    public String label() {
        return (fromPort == null ? from : from + ":" + fromPort) + "->" + to;
    }
}
