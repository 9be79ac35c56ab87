package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmGlobal;

/** An exported i64 global of a Chicory instance: a direct field read/write, no allocation. */
final class ChicoryGlobal implements WasmGlobal {

    private final String name;
    private final GlobalInstance global;
    private final boolean mutable;
    private final String where;

    ChicoryGlobal(final String name, final GlobalInstance global, final boolean mutable, final String where) {
        this.name = name;
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
        return global.getValue();
    }

    @Override
    public void set(final long value) {
        if (!mutable) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "global \"" + name + "\"", "mutable i64",
                "immutable i64"));
        }
        global.setValue(value);
    }
}
