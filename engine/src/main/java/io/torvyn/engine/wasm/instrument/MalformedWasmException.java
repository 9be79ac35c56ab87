package io.torvyn.engine.wasm.instrument;

/**
 * Internal signal that the input bytes cannot be decoded at a given offset. {@link ModuleInstrumenter} turns it into
 * the user-visible E0100 problem, so the low-level decoder stays free of error-catalogue concerns.
 */
final class MalformedWasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    MalformedWasmException(final String message, final int offset) {
        super(message);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
