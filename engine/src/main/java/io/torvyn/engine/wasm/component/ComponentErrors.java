package io.torvyn.engine.wasm.component;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

/**
 * The user-visible failures of Wasm components (E0302, E0303, E0305, E0403, E0405, E0410), built off the hot path so
 * that the component classes stay short and every message, location and help line is written in one place.
 */
final class ComponentErrors {
    /** Process-error kinds of the ABI, returned as negative i32. */
    static final int INVALID_INPUT = -1;
    static final int FATAL = -5;
    /** The source result "end of stream". */
    static final int END_OF_STREAM = -6;

    private static final String[] KINDS = {"invalid-input", "unavailable", "internal", "deadline-exceeded", "fatal"};

    private ComponentErrors() {
    }

    /** The ABI name of process-error kind {@code kind} (−1 … −5), or null for any other value. */
    static String kindName(final int kind) {
        return kind <= INVALID_INPUT && kind >= FATAL ? KINDS[-kind - 1] : null;
    }

    /** E0405 ComponentError for kinds −1 … −4 (and unknown negative results), E0410 for −5 fatal. */
    static TorvynException processError(final String where, final String export, final int kind,
                                        final String message) {
        final String name = kindName(kind);
        final String detail = message == null || message.isEmpty() ? "" : ": " + message;
        if (kind == FATAL) {
            return new TorvynException(ErrorCode.E0410, "`" + export + "` returned fatal (" + kind + ")" + detail,
                where, "the component declared an unrecoverable error; the flow stops after draining");
        }
        if (name == null) {
            return new TorvynException(ErrorCode.E0405, "`" + export + "` returned " + kind
                + ", which is no result the ABI defines" + detail, where,
                "return a handle, 0, or a process-error kind −1 … −5 (spec/component-abi.md)");
        }
        return new TorvynException(ErrorCode.E0405, "`" + export + "` returned " + name + " (" + kind + ")" + detail,
            where, "the element goes to error_policy; the component's message says why it refused it");
    }

    /** E0410: {@code torvyn_init} returned a negative result. */
    static TorvynException initFailed(final String where, final int result, final String message) {
        final String name = kindName(result);
        final String detail = message == null || message.isEmpty() ? "" : ": " + message;
        return new TorvynException(ErrorCode.E0410, "`torvyn_init` returned " + (name == null ? "" : name + " ")
            + "(" + result + ")" + detail, where, "check the node's config string; the component refused to start");
    }

    /** E0410: {@code torvyn_init} (or the instantiation before it) failed with {@code cause}. */
    static TorvynException initFailed(final String where, final TorvynException cause) {
        return new TorvynException(new Problem(ErrorCode.E0410, "the component failed to start: "
            + cause.code().name() + " " + cause.getMessage(), where, cause.problem().help()), cause);
    }

    /** E0410: {@code torvyn_batch_area} returned an unusable region. */
    static TorvynException batchArea(final String where, final int address, final int bytes, final long memory) {
        return new TorvynException(ErrorCode.E0410, "`torvyn_batch_area(" + bytes + ")` returned address "
            + Integer.toUnsignedString(address) + ", which does not leave " + bytes
            + " bytes inside the linear memory (" + memory + " bytes)", where,
            "return the address of a region of the requested size (a static array or malloc), never 0");
    }

    /** E0303: a handle the component used was stale (an earlier call's) or never issued. */
    static TorvynException stale(final String where, final int handle, final String action) {
        return new TorvynException(ErrorCode.E0303, "the component passed handle " + handle + " to `" + action
            + "`, but it is not valid in this call (stale, released, or never issued)", where,
            "handles are valid only for the call that received or created them; do not keep them in globals");
    }

    /** E0302: a write to, release or emit of a buffer the component does not own. */
    static TorvynException notOwner(final String where, final int handle, final String action) {
        return new TorvynException(ErrorCode.E0302, "the component called `" + action + "` on handle " + handle
            + ", which it does not own (a borrowed input or an already emitted buffer)", where,
            "allocate a buffer (buffer_alloc) or clone the input (buffer_clone) to produce a changed payload");
    }

    /** E0305: a payload larger than the whole batch staging region. */
    static TorvynException stagingTooSmall(final String where, final long size, final int stagingLen) {
        return new TorvynException(ErrorCode.E0305, "a payload of " + size + " bytes does not fit the batch staging "
            + "region of " + stagingLen + " bytes", where,
            "raise runtime.scheduling.batch_size (the staging region grows with it) or split large payloads");
    }

    /** E0403: a batch result points outside the component's memory. */
    static TorvynException outputOutOfBounds(final String where, final int descriptor, final int ptr,
                                             final int len) {
        return new TorvynException(ErrorCode.E0403, "batch descriptor " + descriptor + " names output bytes ["
            + Integer.toUnsignedString(ptr) + ", +" + len + ") outside the linear memory", where,
            "set out_ptr/out_len (and out_content_type_*) to a range inside the component's memory");
    }
}
