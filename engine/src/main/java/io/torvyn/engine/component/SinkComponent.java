package io.torvyn.engine.component;

/**
 * A sink consumes elements; the stage releases every input after the call. A slow sink asks for a pause with
 * {@link ComponentContext#pauseUntil(long)} instead of blocking its worker thread.
 */
public interface SinkComponent extends Component {

    void push(ComponentContext ctx, ElementBatch in);

    /** All inputs have ended and been pushed: flush and close outputs. */
    default void complete(final ComponentContext ctx) {
    }

    /** The most elements one {@link #push} may receive; 1 lets a paced sink pause between elements. */
    default int maxBatch() {
        return Integer.MAX_VALUE;
    }
}
