package io.torvyn.engine.buffer;

/**
 * The recording point every buffer operation reports to, so the journal can subscribe without the pool knowing it.
 * Implementations run on the calling stage's thread, inside the hot path: they must not allocate, block or throw.
 *
 * <p>The pool calls a recorder only when the client's recorder is not {@link #NONE}, a single final-field check, so
 * a run with the journal off pays nothing else.
 */
@FunctionalInterface
public interface BufferRecorder {
    /** Records nothing. */
    BufferRecorder NONE = (op, client, handle, tier, length, copiedBytes, aux) -> {
    };

    /**
     * @param op          one of {@link BufferOps}
     * @param client      the calling node (its {@code node} and {@code elementSeq} identify the record)
     * @param handle      the buffer handle concerned (generation in its high bits), or 0
     * @param tier        the buffer's tier (a fallback buffer reports the tier it stood in for), or -1
     * @param length      the buffer's payload length (its capacity for allocations)
     * @param copiedBytes payload bytes copied by this operation
     * @param aux         operation-specific: offset for write/read, requested size for alloc, source handle for clone,
     *                    references left for release; for publish the stream index in the low 32 bits and the
     *                    stream's queue depth after the enqueue in the high 32 bits
     */
    void record(int op, BufferClient client, long handle, int tier, long length, long copiedBytes, long aux);

    /**
     * Records the start ({@link BufferOps#INVOKE_BEGIN}) or end ({@link BufferOps#INVOKE_END}) of one component call.
     * A recorder that keeps fuel overrides this; the default maps it onto {@link #record} without the fuel.
     *
     * @param elements the elements handed to the call (begin) or that it completed or emitted (end)
     * @param fuel     fuel the call consumed (end only; 0 when unmetered)
     * @param status   0 when the call returned normally, 1 when it failed (the error is recorded separately)
     */
    default void recordInvocation(final int op, final BufferClient client, final int elements, final long fuel,
                                  final long status) {
        record(op, client, 0, -1, elements, 0, status);
    }

    /**
     * Marks the start of a run of operations a stage performs together in one tight loop (the elements of a batch
     * taken off its input rings, published onto its output rings, or released after a call): a recorder may give all
     * of them the time of the first, one clock reading instead of one each. Not nested; ended by {@link #endBatch()}.
     */
    default void beginBatch() {
    }

    /** Ends the run begun by {@link #beginBatch()}: later operations are timed one by one again. */
    default void endBatch() {
    }
}
