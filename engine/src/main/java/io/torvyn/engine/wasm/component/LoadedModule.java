package io.torvyn.engine.wasm.component;

import io.torvyn.engine.wasm.ModuleRoles;
import io.torvyn.engine.wasm.WasmModule;

/**
 * A module ready to instantiate for one node: instrumented for the node's fuel and memory limits and compiled by the
 * node's engine. Shared by every node with the same bytes, engine and limits.
 *
 * @param module     the compiled module
 * @param roles      what its exports offer
 * @param fuelGlobal the exported fuel counter when metered, else null
 * @param origin     the file name, for messages
 */
public record LoadedModule(WasmModule module, ModuleRoles roles, String fuelGlobal, String origin) {

    /**
     * Whether calls are metered: each starts with the full budget and charges what it used, through the export's
     * metered twin ({@link io.torvyn.engine.wasm.WasmInstance#metered(String)}) or, without one, by setting the fuel
     * global before the call and reading it after.
     */
    public boolean metered() {
        return fuelGlobal != null;
    }
}
