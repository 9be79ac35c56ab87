package io.torvyn.engine.wasm.chicory;

import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;

import java.util.Objects;

/** A module compiled by {@link ChicoryEngine}; instantiating it reuses the compiled machine factory. */
final class ChicoryModule implements WasmModule {

    private final ChicoryEngine.CompiledCode code;
    private final ModuleDescriptor descriptor;
    private final CallWatchdog watchdog;

    ChicoryModule(final ChicoryEngine.CompiledCode code, final ModuleDescriptor descriptor,
                  final CallWatchdog watchdog) {
        this.code = code;
        this.descriptor = descriptor;
        this.watchdog = watchdog;
    }

    @Override
    public String engineName() {
        return ChicoryEngine.NAME;
    }

    @Override
    public ModuleDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public WasmInstance instantiate(final TorvynHost host, final InstanceOptions options) {
        return ChicoryInstance.create(this, code, Objects.requireNonNull(host, "host"),
            Objects.requireNonNull(options, "options"), watchdog);
    }
}
