package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmGlobal;

/** An exported i64 global of a Wasmtime instance (each access is a JNI call that boxes one {@code Val}). */
final class WasmtimeGlobal implements WasmGlobal {

    private final String name;
    private final Store<Void> store;
    private final Global global;
    private final boolean mutable;
    private final String where;

    WasmtimeGlobal(final String name, final Store<Void> store, final Global global, final boolean mutable,
                   final String where) {
        this.name = name;
        this.store = store;
        this.global = global;
        this.mutable = mutable;
        this.where = where;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long get() {
        return global.get(store).i64();
    }

    @Override
    public void set(final long value) {
        if (!mutable) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "global \"" + name + "\"", "mutable i64",
                "immutable i64"));
        }
        global.set(store, Val.fromI64(value));
    }
}
