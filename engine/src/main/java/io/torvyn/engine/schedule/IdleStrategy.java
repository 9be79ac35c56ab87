package io.torvyn.engine.schedule;

/**
 * What a worker thread does after a round in which none of its stages moved an element (the Agrona duty-cycle idea:
 * the wait strategy of config.md is the idle strategy of the worker). Implementations keep per-thread state, so each
 * worker gets its own instance.
 */
public interface IdleStrategy {

    /** Called after a round with no work; successive calls back off further. */
    void idle();

    /** Called after a round with work: the next idle period starts from the beginning of the back-off. */
    void reset();

    /** Producers call this after publishing to a stream this worker consumes (only blocking needs it). */
    default void signal() {
    }

    /** True when producers must call {@link #signal()}; the others cost publishers nothing. */
    default boolean needsSignal() {
        return false;
    }
}
