package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;

import java.util.Objects;

/** A module compiled to native code by {@link WasmtimeEngine}; each instance gets its own store. */
final class WasmtimeModule implements WasmModule {

    private final Engine engine;
    private final Module compiled;
    private final ModuleDescriptor descriptor;
    private final EpochTicker ticker;

    WasmtimeModule(final Engine engine, final Module compiled, final ModuleDescriptor descriptor,
                   final EpochTicker ticker) {
        this.engine = engine;
        this.compiled = compiled;
        this.descriptor = descriptor;
        this.ticker = ticker;
    }

    @Override
    public String engineName() {
        return WasmtimeEngine.NAME;
    }

    @Override
    public ModuleDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public WasmInstance instantiate(final TorvynHost host, final InstanceOptions options) {
        return WasmtimeInstance.create(this, engine, compiled, Objects.requireNonNull(host, "host"),
            Objects.requireNonNull(options, "options"), ticker);
    }
}
