package io.torvyn.engine.wasm;

import java.util.List;
import java.util.Optional;

/**
 * A compiled module: compiled once per run by a {@link WasmEngine} and instantiated as often as nodes and
 * re-instantiations need. Its metadata ({@link ModuleDescriptor}) is the same on both engines, so
 * {@link ModuleContract} checks and role detection never depend on the engine.
 */
public interface WasmModule {

    /** The engine that compiled it ({@code chicory} or {@code wasmtime}). */
    String engineName();

    ModuleDescriptor descriptor();

    /**
     * Creates an instance whose imports call {@code host}. Raises E0102/E0103/E0500 when the imports do not link,
     * E0404 when the memory minimum is above {@link InstanceOptions#maxMemoryBytes()}, E0403 when a start function
     * traps.
     */
    WasmInstance instantiate(TorvynHost host, InstanceOptions options);

    default String name() {
        return descriptor().name();
    }

    default List<ExportInfo> exports() {
        return descriptor().exports();
    }

    default List<ImportInfo> imports() {
        return descriptor().imports();
    }

    default Optional<LinearMemoryLimits> memoryLimits() {
        return descriptor().memoryLimits();
    }

    /** The export of that name, or null. */
    default ExportInfo export(final String name) {
        return descriptor().export(name);
    }
}
