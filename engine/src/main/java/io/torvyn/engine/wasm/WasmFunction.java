package io.torvyn.engine.wasm;

/**
 * One exported function, bound to its instance, with typed entry points for the shapes the ABI uses so that a
 * per-element call needs no boxing: {@code () -> i32} ({@code torvyn_pull}, {@code torvyn_init}, {@code torvyn_flush},
 * {@code torvyn_complete}), {@code (i32) -> i32} (role exports, {@code torvyn_batch_area}, the {@code _batch} twins)
 * and {@code () -> ()} ({@code torvyn_teardown}).
 * <p>
 * Calling an entry point that does not match {@link #signature()} raises E0103. A failed call raises a
 * {@link WasmCallException} (E0401/E0402/E0403/E0404) or the exact {@link io.torvyn.engine.error.TorvynException} a
 * host import threw. Not thread-safe: one caller at a time, like the instance.
 */
public interface WasmFunction {

    String name();

    FunctionSignature signature();

    /** Calls a {@code () -> i32} export. */
    int callI32();

    /** Calls an {@code (i32) -> i32} export. */
    int callI32(int arg);

    /** Calls a {@code () -> ()} export. */
    void callVoid();

    /**
     * Calls any signature with raw values (i32 in the low 32 bits, floats as their bits) and returns the raw results.
     * Allocates; for tools and tests, not the hot path.
     */
    long[] call(long... args);
}
