package io.torvyn.engine.wasm;

/** Wasm value types as the contract talks about them, independent of either engine's own type model. */
public enum ValueType {
    I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, OTHER;

    /** The WAT spelling, as used in messages: {@code i32}, {@code funcref}, … */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
