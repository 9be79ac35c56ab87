/**
 * Wasm modules as flow components: the bridge between the runtime's component interfaces
 * ({@link io.torvyn.engine.component}) and the engine layer ({@link io.torvyn.engine.wasm}).
 * <p>
 * {@link io.torvyn.engine.wasm.component.WasmComponentFactory} is created per run: it loads every module once per
 * (file, bytes, engine, fuel, memory limit) through {@link io.torvyn.engine.wasm.component.WasmModules}, decides roles
 * from exports and position, and builds one component per node. At run time each node owns one instance and one
 * {@link io.torvyn.engine.wasm.component.HostBinding}: the per-call table of the guest's {@code i32} handles (borrowed
 * inputs, owned allocations; stale or foreign numbers are refused and fail the element with E0303, writes to borrowed
 * buffers with E0302) and the host imports, each payload copy counted once. Per-element modules are called once per
 * element; modules with a batch export once per {@code batch_size} elements through the batch area, with identical
 * results and copies. Any E04xx discards the instance; the next call starts a fresh one.
 */
package io.torvyn.engine.wasm.component;
