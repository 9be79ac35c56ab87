package io.torvyn.engine.config;

import java.util.List;

/**
 * One `[flow.F.nodes.N]` table. Per-node overrides are already resolved against `[runtime]`, so consumers never
 * re-apply defaults.
 *
 * @param name              node name
 * @param component         a `[[component]]` name, "file:PATH" or "builtin:KIND"
 * @param config            the node's config string (JSON for built-ins), or null
 * @param fuelPerInvocation effective fuel per call (0 = unmetered)
 * @param maxMemory         effective linear-memory cap in bytes
 * @param engine            effective Wasm engine name ("chicory" or "wasmtime")
 * @param maxOwnedBytes     effective owned-buffer budget in bytes
 * @param wasi              whether the node gets the sandboxed WASI preview 1 imports
 * @param ports             declared router output ports, empty for non-routers
 * @param flushEvery        aggregator flush period in elements, 0 = only at end of stream
 */
public record NodeConfig(String name, String component, String config, long fuelPerInvocation, long maxMemory,
                         String engine, long maxOwnedBytes, boolean wasi, List<String> ports, long flushEvery) {

    public boolean isBuiltin() {
        return component.startsWith("builtin:");
    }

    /** "generator" for "builtin:generator", otherwise null. */
    public String builtinKind() {
        return isBuiltin() ? component.substring("builtin:".length()) : null;
    }
}
