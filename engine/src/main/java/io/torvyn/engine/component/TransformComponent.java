package io.torvyn.engine.component;

/**
 * Processors, filters, routers and aggregators: a batch of input elements in, zero or more outputs out. Passing an
 * input on unchanged ({@link Emitter#forward}) moves only its handle: zero copies. Inputs neither forwarded nor kept
 * are released by the stage after the call.
 */
public interface TransformComponent extends Component {

    /**
     * Handles {@code in.count()} elements starting at {@code in.start()}, in order. On a failure of one element, throw
     * {@link ElementFailure} naming its index, so the stage can apply the error policy from there.
     */
    void process(ComponentContext ctx, ElementBatch in, Emitter out);

    /** All inputs have ended: an aggregator flushes here. */
    default void endOfStream(final ComponentContext ctx, final Emitter out) {
    }
}
