package io.torvyn.engine.wasm.instrument;

/**
 * Internal signal that the module uses a feature the rewriter does not understand (SIMD, threads, exceptions, GC,
 * memory64). Metering such code partially would let it run unmetered, so the whole module is refused instead.
 */
final class UnsupportedInstructionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    UnsupportedInstructionException(final String what, final int offset) {
        super(what);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
