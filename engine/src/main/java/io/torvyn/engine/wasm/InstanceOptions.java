package io.torvyn.engine.wasm;

import java.util.Objects;

/**
 * Per-node settings an instance is created with. Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param wasi                whether the instance gets the sandboxed WASI preview 1 imports
 * @param invocationTimeoutNs wall-clock limit per guest call, 0 = none (E0401 reason {@code deadline})
 * @param maxMemoryBytes      linear-memory cap, 0 = only the module's own maximum (E0404 when its minimum is above)
 * @param fuelGlobal          name of the exported mutable i64 fuel global added by the instrumenter, or null; a trap
 *                            after which it is negative is reported as E0401 reason {@code fuel}
 * @param wasiLog             receives WASI stdout/stderr lines
 * @param where               node name for error messages, or null to use the module name
 */
public record InstanceOptions(boolean wasi, long invocationTimeoutNs, long maxMemoryBytes, String fuelGlobal,
                              WasiLogSink wasiLog, String where) {

    public InstanceOptions {
        if (invocationTimeoutNs < 0) {
            throw new IllegalArgumentException("invocationTimeoutNs < 0: " + invocationTimeoutNs);
        }
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes < 0: " + maxMemoryBytes);
        }
        wasiLog = Objects.requireNonNullElse(wasiLog, WasiLogSink.DISCARD);
    }

    public static InstanceOptions defaults() {
        return new InstanceOptions(false, 0, 0, null, WasiLogSink.DISCARD, null);
    }

    public InstanceOptions withWasi(final boolean value) {
        return new InstanceOptions(value, invocationTimeoutNs, maxMemoryBytes, fuelGlobal, wasiLog, where);
    }

    public InstanceOptions withInvocationTimeoutNs(final long value) {
        return new InstanceOptions(wasi, value, maxMemoryBytes, fuelGlobal, wasiLog, where);
    }

    public InstanceOptions withMaxMemoryBytes(final long value) {
        return new InstanceOptions(wasi, invocationTimeoutNs, value, fuelGlobal, wasiLog, where);
    }

    public InstanceOptions withFuelGlobal(final String value) {
        return new InstanceOptions(wasi, invocationTimeoutNs, maxMemoryBytes, value, wasiLog, where);
    }

    public InstanceOptions withWasiLog(final WasiLogSink value) {
        return new InstanceOptions(wasi, invocationTimeoutNs, maxMemoryBytes, fuelGlobal, value, where);
    }

    public InstanceOptions withWhere(final String value) {
        return new InstanceOptions(wasi, invocationTimeoutNs, maxMemoryBytes, fuelGlobal, wasiLog, value);
    }

    /** The "where" of problems raised by an instance of {@code moduleName}. */
    public String whereOr(final String moduleName) {
        return where != null ? where : moduleName;
    }
}
