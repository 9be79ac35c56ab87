package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The single mapping from engine failures to the spec's error codes, shared by both backends so that the same
 * component failure reads the same on {@code chicory} and {@code wasmtime}. Backends report what they know (the
 * thrown failure, whether their deadline fired, a host exception they kept aside) and this class decides the code.
 */
public final class WasmFailures {

    public static final String REASON_DEADLINE = "deadline";
    public static final String REASON_FUEL = "fuel";
    public static final String REASON_INTERRUPTED = "interrupted";
    public static final String REASON_MEMORY = "memory";
    public static final String REASON_UNREACHABLE = "unreachable";
    public static final String REASON_OUT_OF_BOUNDS = "out-of-bounds";
    public static final String REASON_DIVISION_BY_ZERO = "division-by-zero";
    public static final String REASON_INTEGER_OVERFLOW = "integer-overflow";
    public static final String REASON_INVALID_CONVERSION = "invalid-conversion";
    public static final String REASON_STACK_OVERFLOW = "stack-overflow";
    public static final String REASON_INDIRECT_CALL = "indirect-call";
    public static final String REASON_TRAP = "trap";

    private static final String TRAP_HELP =
        "the component hit a Wasm trap (a bug in the component); the element goes to error_policy and the instance "
            + "is re-instantiated";
    private static final String TIMEOUT_HELP = "raise fuel_per_invocation or the timeout";

    private WasmFailures() {
    }

    /**
     * Maps one failed guest call. Precedence: an exception thrown by a host import (rethrown as is when it is a
     * {@link TorvynException}), then the deadline, then fuel exhaustion, then memory, then the trap itself.
     *
     * @param where           node or module name, for the problem's "where"
     * @param export          the export that was called
     * @param failure         what the engine threw
     * @param hostFailure     an exception a host import threw during this call, or null
     * @param deadlineExpired whether the engine's wall-clock guard stopped the call
     * @param timeoutNs       the invocation timeout, for the message
     * @param fuel            reads the fuel global after the failure, or null when the module is not metered
     * @param trapReason      the trap reason when the engine reports it structurally, or null to classify the
     *                        failure's message with {@link #trapReason(String)}
     */
    public static RuntimeException callFailed(final String where, final String export, final Throwable failure,
                                              final Throwable hostFailure, final boolean deadlineExpired,
                                              final long timeoutNs, final LongSupplier fuel,
                                              final String trapReason) {
        if (hostFailure != null) {
            return hostFailure(where, export, hostFailure);
        }
        final TorvynException carried = findTorvynException(failure);
        if (carried != null) {
            return carried;
        }
        if (deadlineExpired) {
            return deadline(where, export, timeoutNs, failure);
        }
        if (fuel != null && fuelExhausted(fuel)) {
            return fuelExhausted(where, export, failure);
        }
        if (failure instanceof OutOfMemoryError) {
            return memoryExceeded(where, "linear memory of '" + export + "' could not be allocated", failure);
        }
        if (failure instanceof StackOverflowError) {
            return trap(where, export, REASON_STACK_OVERFLOW, failure);
        }
        return trap(where, export, trapReason != null ? trapReason : trapReason(failure.getMessage()), failure);
    }

    /** A host import threw: its own {@link TorvynException} travels unchanged, anything else is a host bug. */
    public static RuntimeException hostFailure(final String where, final String export, final Throwable thrown) {
        if (thrown instanceof TorvynException torvyn) {
            return torvyn;
        }
        return internal(where, "a host import failed during '" + export + "': " + thrown, thrown);
    }

    /** E0403 ComponentTrap. */
    public static WasmCallException trap(final String where, final String export, final String reason,
                                         final Throwable cause) {
        return new WasmCallException(new Problem(ErrorCode.E0403, "component trapped in '" + export + "': " + reason,
            where, TRAP_HELP), reason, cause);
    }

    /** E0401 ComponentTimeout, reason {@code deadline}. */
    public static WasmCallException deadline(final String where, final String export, final long timeoutNs,
                                             final Throwable cause) {
        return new WasmCallException(new Problem(ErrorCode.E0401,
            "'" + export + "' exceeded invocation_timeout (" + formatNanos(timeoutNs) + ")", where, TIMEOUT_HELP),
            REASON_DEADLINE, cause);
    }

    /** E0401 ComponentTimeout, reason {@code fuel}. */
    public static WasmCallException fuelExhausted(final String where, final String export, final Throwable cause) {
        return new WasmCallException(new Problem(ErrorCode.E0401,
            "'" + export + "' ran out of fuel (fuel_per_invocation)", where, TIMEOUT_HELP), REASON_FUEL, cause);
    }

    /** E0402 FlowCancelled: the calling thread was interrupted by someone other than the deadline guard. */
    public static WasmCallException interrupted(final String where, final String export, final Throwable cause) {
        return new WasmCallException(new Problem(ErrorCode.E0402, "'" + export + "' was interrupted", where,
            "the flow was cancelled while the component ran"), REASON_INTERRUPTED, cause);
    }

    /** E0404 ComponentMemoryExceeded. */
    public static WasmCallException memoryExceeded(final String where, final String detail, final Throwable cause) {
        return new WasmCallException(new Problem(ErrorCode.E0404, detail, where,
            "raise max_memory_per_component (or the node's max_memory), or make the component use less memory"),
            REASON_MEMORY, cause);
    }

    /** E0101 ExportMissing: metering was asked for but the module has no fuel global (it was not instrumented). */
    public static TorvynException fuelGlobalMissing(final String where, final String module, final String global) {
        return new TorvynException(new Problem(ErrorCode.E0101, "'" + module + "' has no exported i64 global '"
            + global + "' for fuel metering", where,
            "load the module through the fuel instrumenter, or set fuel_per_invocation = 0"));
    }

    /** E0100 ModuleInvalid. */
    public static TorvynException moduleInvalid(final String module, final String detail, final Throwable cause) {
        return new TorvynException(new Problem(ErrorCode.E0100, "'" + module + "' is not a valid Wasm module: "
            + firstLine(detail), module, "rebuild the component; `wasm-validate` or `wasm2wat` shows what is wrong"),
            cause);
    }

    /** E0102 ImportUnknown. */
    public static Problem importUnknown(final String where, final ImportInfo imported, final String help) {
        return new Problem(ErrorCode.E0102, "imports " + imported.qualifiedName() + " (" + imported.kind().text()
            + "), which the host does not provide", where, help);
    }

    /** E0103 SignatureMismatch. */
    public static Problem signatureMismatch(final String where, final String what, final Object expected,
                                            final Object found) {
        return new Problem(ErrorCode.E0103, what + " has type " + found + ", expected " + expected, where,
            "fix the declaration in the component to match spec/component-abi.md (torvyn.h)");
    }

    /** E0500 CapabilityDenied. */
    public static Problem capabilityDenied(final String where, final ImportInfo imported) {
        return new Problem(ErrorCode.E0500, "imports WASI " + imported.qualifiedName()
            + " but the node does not set wasi = true", where,
            "set `wasi = true` on the node, or build the component without WASI (-nostdlib)");
    }

    /** E0010 ToolchainMissing. */
    public static TorvynException toolchainMissing(final String where, final String tool, final String help) {
        return new TorvynException(new Problem(ErrorCode.E0010, "'" + tool + "' not found", where, help));
    }

    /** E0900 Internal. */
    public static TorvynException internal(final String where, final String what, final Throwable cause) {
        return new TorvynException(new Problem(ErrorCode.E0900, "internal error: " + what, where,
            "this is a bug in Torvyn; please report it with the journal path"), cause);
    }

    /** Throws the problem as an exception: for link-time problems found by {@link ModuleContract}. */
    public static TorvynException raise(final Problem problem) {
        return new TorvynException(problem);
    }

    /**
     * Classifies a trap message of either engine. Chicory words its traps after the Wasm spec test suite ("integer
     * divide by zero", "out of bounds memory access", "call stack exhausted", …) and wasmtime-java names its trap
     * codes ({@code MEMORY_OUT_OF_BOUNDS}, …), so one keyword table serves both.
     */
    public static String trapReason(final String message) {
        if (message == null) {
            return REASON_TRAP;
        }
        final String m = message.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (m.contains("unreachable")) {
            return REASON_UNREACHABLE;
        }
        if (m.contains("divide by zero") || m.contains("division by zero")) {
            return REASON_DIVISION_BY_ZERO;
        }
        if (m.contains("out of bounds") || m.contains("out-of-bounds")) {
            return REASON_OUT_OF_BOUNDS;
        }
        if (m.contains("integer overflow")) {
            return REASON_INTEGER_OVERFLOW;
        }
        if (m.contains("invalid conversion") || m.contains("bad conversion")) {
            return REASON_INVALID_CONVERSION;
        }
        if (m.contains("stack exhausted") || m.contains("stack overflow")) {
            return REASON_STACK_OVERFLOW;
        }
        if (m.contains("indirect call") || m.contains("undefined element") || m.contains("uninitialized element")
            || m.contains("null function") || m.contains("signature mismatch")) {
            return REASON_INDIRECT_CALL;
        }
        return REASON_TRAP;
    }

    private static boolean fuelExhausted(final LongSupplier fuel) {
        try {
            return fuel.getAsLong() < 0;
        } catch (final RuntimeException ignored) {
            return false;
        }
    }

    private static TorvynException findTorvynException(final Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof TorvynException torvyn) {
                return torvyn;
            }
            t = t.getCause();
        }
        return null;
    }

    private static String firstLine(final String text) {
        if (text == null) {
            return "unknown reason";
        }
        final int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String formatNanos(final long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + " ms";
        }
        return nanos + " ns";
    }
}
