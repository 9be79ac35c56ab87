package io.torvyn.engine.wasm.chicory;

/**
 * Remembers the exception a host import threw during the current guest call. Chicory's compiled code lets it
 * propagate as is, but the instance must tell it apart from a guest trap without guessing from the exception type.
 */
final class HostFailureSlot {

    private Throwable failure;

    /** Records the first failure of the call. */
    void keep(final Throwable thrown) {
        if (failure == null) {
            failure = thrown;
        }
    }

    /** The failure of the call that just ended, or null; clears the slot. */
    Throwable take() {
        final Throwable taken = failure;
        failure = null;
        return taken;
    }
}
