package io.torvyn.engine.wasm;

import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

/**
 * A guest call that ended abnormally (E0401, E0402, E0403, E0404): the spec's problem plus a machine-readable
 * {@link #reason()} ({@code deadline}, {@code fuel}, {@code unreachable}, {@code out-of-bounds}, …) so the stage can
 * record metrics and journal entries without parsing messages. After one of these the instance must be discarded.
 */
public final class WasmCallException extends TorvynException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public WasmCallException(final Problem problem, final String reason, final Throwable cause) {
        super(problem, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
