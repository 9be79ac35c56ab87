/**
 * The Wasm boundary of Torvyn: one engine abstraction ({@link io.torvyn.engine.wasm.WasmEngine},
 * {@link io.torvyn.engine.wasm.WasmModule}, {@link io.torvyn.engine.wasm.WasmInstance},
 * {@link io.torvyn.engine.wasm.WasmFunction}, {@link io.torvyn.engine.wasm.WasmMemory}) with two backends,
 * {@code chicory} (JVM bytecode, nanosecond calls) and {@code wasmtime} (native code, microsecond calls, batch ABI),
 * and the host side of the component ABI ({@link io.torvyn.engine.wasm.TorvynHost}, the
 * {@link io.torvyn.engine.wasm.HostImport} table, {@link io.torvyn.engine.wasm.ModuleContract}).
 * <p>
 * Everything a user can observe is decided above the backends: module metadata comes from one parser
 * ({@link io.torvyn.engine.wasm.ModuleDescriptor}), linking from one {@code LinkPlan}, and every failure is mapped by
 * {@link io.torvyn.engine.wasm.WasmFailures}, so a component behaves and fails the same way on either engine.
 */
package io.torvyn.engine.wasm;
