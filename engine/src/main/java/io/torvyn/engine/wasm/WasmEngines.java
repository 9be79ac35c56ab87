package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.chicory.ChicoryEngine;
import io.torvyn.engine.wasm.wasmtime.WasmtimeEngine;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/** Creates the engine named by {@code [runtime] wasm_engine} (or a node's {@code engine}). */
public final class WasmEngines {

    /** The engine names the configuration accepts. */
    public static final List<String> NAMES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    private WasmEngines() {
    }

    /**
     * @param name          {@code chicory} or {@code wasmtime}
     * @param threadFactory makes the engine's one helper thread (the project's single thread factory)
     */
    public static WasmEngine create(final String name, final ThreadFactory threadFactory) {
        return switch (name) {
            case ChicoryEngine.NAME -> new ChicoryEngine(threadFactory, ChicoryEngine.DEFAULT_TICK_NANOS);
            case WasmtimeEngine.NAME -> new WasmtimeEngine(threadFactory, WasmtimeEngine.DEFAULT_TICK_NANOS);
            default -> throw new TorvynException(new Problem(ErrorCode.E0702, "unknown wasm engine '" + name
                + "' (expected one of " + String.join(", ", NAMES) + ")", "runtime.wasm_engine",
                "set wasm_engine = \"chicory\" or \"wasmtime\""));
        };
    }
}
