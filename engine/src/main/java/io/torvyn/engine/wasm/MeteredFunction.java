package io.torvyn.engine.wasm;

/**
 * The metered twin of an exported function: one guest call that runs it with the module's full fuel budget
 * ({@code fuel_per_invocation}, fixed when the module was instrumented) and reports the fuel it used, through the
 * wrapper export the instrumenter adds to metered modules
 * ({@link io.torvyn.engine.wasm.instrument.ModuleInstrumenter#meteredExport(String)}). It exists because on
 * wasmtime-java every host↔Wasm crossing costs microseconds: setting the fuel global, calling and reading the global
 * back were three crossings per call, the twin is one. Both engines call the same wrapper, so fuel numbers and failure
 * behaviour are identical whichever engine runs the module.
 * <p>
 * Typed entry points mirror {@link WasmFunction}'s and take the shape of {@link #signature()}; a mismatch raises
 * E0103. A failed call raises what {@link WasmFunction} would; the fuel global then holds what the instrumenter's
 * contract says (below zero after fuel exhaustion) and {@link #fuelUsed()} is not updated. Nothing here allocates
 * beyond what the engine binding itself does. Not thread-safe: one caller at a time, like the instance.
 */
public interface MeteredFunction {

    /** Name of the original export (not of the wrapper). */
    String name();

    /**
     * Signature the twin is called with: the original export's, except for the argument-free twin of a batch export
     * ({@link WasmInstance#meteredBatch(String)}), which is {@code () -> (i32)}.
     */
    FunctionSignature signature();

    /** Calls a {@code () -> i32} export with a full budget. */
    int callI32();

    /** Calls an {@code (i32) -> i32} export with a full budget. */
    int callI32(int arg);

    /** Calls a {@code () -> ()} export with a full budget. */
    void callVoid();

    /** Fuel used by the last call that returned. */
    long fuelUsed();
}
