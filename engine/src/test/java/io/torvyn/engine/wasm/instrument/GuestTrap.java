package io.torvyn.engine.wasm.instrument;

/** Any trap raised by a guest, whichever engine ran it; the original exception is the cause. */
final class GuestTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GuestTrap(final Throwable cause) {
        super(cause.toString(), cause);
    }
}
