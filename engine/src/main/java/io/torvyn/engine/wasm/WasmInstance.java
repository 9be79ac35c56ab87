package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

/**
 * A live instance of a {@link WasmModule}: its exports, its memory and the guards (deadline, fuel hook) it was created
 * with. Owned by one stage and used by one thread at a time. After any {@link WasmCallException} the spec wants it
 * discarded and re-instantiated; it stays callable, so the caller may choose when.
 */
public interface WasmInstance extends AutoCloseable {

    WasmModule module();

    /** The exported function, or null if there is no function export of that name. Cached: same object each time. */
    WasmFunction function(String exportName);

    /**
     * The metered twin of a function export: one call that runs it with a fuel budget and reports the fuel left.
     * Null when the module has no metered wrapper for it (not instrumented with fuel, or an export with more than one
     * result); callers then set and read the fuel global around a plain call. Cached: same object each time.
     *
     * @throws io.torvyn.engine.error.TorvynException E0103 when the wrapper export has another type than the
     *                                                instrumenter gives it
     */
    MeteredFunction metered(String exportName);

    /**
     * The argument-free metered twin of a batch export ({@code torvyn_process_batch}, …): one call, without the count
     * argument (which costs as much as the call itself on wasmtime), that runs the export with the count the host last
     * wrote into the batch area header ({@link io.torvyn.engine.wasm.instrument.ModuleInstrumenter#BATCH_COUNT_OFFSET})
     * and reports the fuel used. Call it with {@link MeteredFunction#callI32()}; its {@link MeteredFunction#name()} is
     * the batch export's and its {@link MeteredFunction#signature()} is {@code () -> (i32)}. Valid only once the area
     * was obtained through {@code metered("torvyn_batch_area")}, which is what tells the wrapper where the header is
     * (before that it traps). Null when the module has no such twin (not metered, no batch area, or not a
     * {@code (i32) -> (i32)} export); callers then use {@link #metered(String)} with the count. Cached.
     *
     * @throws io.torvyn.engine.error.TorvynException E0103 when the wrapper export has another type than the
     *                                                instrumenter gives it
     */
    MeteredFunction meteredBatch(String exportName);

    /** The view of the exported memory (an empty memory for a module without one). */
    WasmMemory memory();

    /** The exported i64 global, or null if absent; raises E0103 if the export is a global of another type. */
    WasmGlobal global(String exportName);

    /** Reads an exported i64 global; raises E0101 if it does not exist. */
    default long getGlobalI64(final String exportName) {
        return requireGlobal(exportName).get();
    }

    /** Writes an exported mutable i64 global; raises E0101 if it does not exist, E0103 if it is immutable. */
    default void setGlobalI64(final String exportName, final long value) {
        requireGlobal(exportName).set(value);
    }

    private WasmGlobal requireGlobal(final String exportName) {
        final WasmGlobal global = global(exportName);
        if (global == null) {
            throw new TorvynException(new Problem(ErrorCode.E0101, "no exported global '" + exportName + "'",
                module().name(), "instrument the module (fuel) or export the global"));
        }
        return global;
    }

    /** Releases the instance's native or heap resources; calls afterwards are invalid. */
    @Override
    void close();
}
