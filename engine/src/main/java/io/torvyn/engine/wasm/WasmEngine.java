package io.torvyn.engine.wasm;

/**
 * One Wasm backend. Both implementations ({@code chicory}, {@code wasmtime}) run the same modules with the same host
 * imports, limits and error codes, so a flow can switch engines per node. An engine lives for one run: it caches
 * compiled modules by content and owns its helper thread (deadline watchdog or epoch ticker).
 */
public interface WasmEngine extends AutoCloseable {

    /** {@code chicory} or {@code wasmtime}, as in {@code [runtime] wasm_engine}. */
    String name();

    /**
     * Compiles a {@code .wasm} binary or {@code .wat} text (converted with {@code wat2wasm}, E0010 if absent). The
     * same bytes compile once per engine; later calls return the cached module under the new name. Raises E0100 for
     * a module that does not compile.
     */
    WasmModule compile(byte[] wasmOrWat, String name);

    /** Stops the helper thread and frees compiled modules; instances must be closed first. */
    @Override
    void close();
}
