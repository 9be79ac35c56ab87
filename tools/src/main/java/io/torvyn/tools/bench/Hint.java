package io.torvyn.tools.bench;

/**
 * One tuning hint: what it is about ({@code subject}: a node, stream or tier), and the text with the knob to turn.
 */
public record Hint(Kind kind, String subject, String text) {

    /** The situations bench recognises, each with its knob. */
    public enum Kind {
        /** The node with the highest median processing time. */
        BOTTLENECK,
        /** A tier served too few requests from recycled buffers: raise its `count`. */
        POOL_SIZE,
        /** A stream was full for a large share of the window: a slow consumer, or `queue_depth`. */
        BACKPRESSURE,
        /** A stage copies more than two payloads per element: payload reads a filter does not need. */
        COPIES,
        /** Calls use most of their fuel budget: raise `fuel_per_invocation`. */
        FUEL
    }
}
