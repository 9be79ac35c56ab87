package io.torvyn.engine.component;

import io.torvyn.engine.error.TorvynException;

/**
 * Thrown by a component when one element of a batch failed: the elements before {@code index} are done, the stage
 * applies the node's error policy to the failed one and goes on from there. Error path only.
 */
public final class ElementFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final transient TorvynException error;

    public ElementFailure(final int index, final TorvynException error) {
        super(error.getMessage(), error);
        this.index = index;
        this.error = error;
    }

    public int index() {
        return index;
    }

    public TorvynException error() {
        return error;
    }
}
