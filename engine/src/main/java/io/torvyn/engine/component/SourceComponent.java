package io.torvyn.engine.component;

/** A source produces new elements: it allocates pooled buffers, writes their payloads and emits them. */
public interface SourceComponent extends Component {
    /** Returned by {@link #pull} when the source has nothing more, ever. */
    int END_OF_STREAM = -1;

    /**
     * Emits up to {@code max} new elements into {@code out} (use {@link Emitter#emitNew}).
     *
     * @return how many were emitted (0 = nothing right now, poll again later) or {@link #END_OF_STREAM}
     */
    int pull(ComponentContext ctx, Emitter out, int max);
}
