package io.torvyn.engine.wasm;

/**
 * The metered twin of an exported function: one guest call that starts the function with a fuel budget and reports
 * the fuel it left, through the wrapper export the instrumenter adds to metered modules
 * ({@link io.torvyn.engine.wasm.instrument.ModuleInstrumenter#meteredExport(String)}). It exists because on
 * wasmtime-java every host↔Wasm crossing costs microseconds: setting the fuel global, calling, reading the global back
 * and re-checking the memory size were four crossings per call, the twin is one. Both engines call the same wrapper,
 * so fuel numbers and failure behaviour are identical whichever engine runs the module.
 * <p>
 * Typed entry points mirror {@link WasmFunction}'s and take the original export's shape; a mismatch raises E0103. A
 * failed call raises what {@link WasmFunction} would; the fuel global then holds what the instrumenter's contract
 * says (below zero after fuel exhaustion) and {@link #fuelLeft()} is not updated. Nothing here allocates beyond what
 * the engine binding itself does. Not thread-safe: one caller at a time, like the instance.
 */
public interface MeteredFunction {

    /** Name of the original export (not of the wrapper). */
    String name();

    /** Signature of the original export. */
    FunctionSignature signature();

    /** Calls a {@code () -> i32} export with {@code budget} fuel. */
    int callI32(long budget);

    /** Calls an {@code (i32) -> i32} export with {@code budget} fuel. */
    int callI32(long budget, int arg);

    /** Calls a {@code () -> ()} export with {@code budget} fuel. */
    void callVoid(long budget);

    /** Fuel left by the last call that returned: its budget minus the fuel it used. */
    long fuelLeft();
}
