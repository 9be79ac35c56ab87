package io.torvyn.engine.component;

/**
 * What every component is, whatever it is made of (a built-in in Java or a Wasm module): something a stage opens
 * once, calls with batches of elements, and closes. Role-specific behaviour lives in the sub-interfaces, so a stage
 * makes one interface call per batch, not per element.
 */
public interface Component {

    /** Called once on the stage's thread before the first element. */
    default void open(final ComponentContext ctx) {
    }

    /** Called once on the stage's thread after the last element (also after a failure). */
    default void close(final ComponentContext ctx) {
    }
}
