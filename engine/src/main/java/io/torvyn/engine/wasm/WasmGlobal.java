package io.torvyn.engine.wasm;

/**
 * An exported i64 global of an instance, resolved once so the hot path can read and write it without a lookup. The
 * fuel counter injected by the instrumenter is one: the host sets it before a call and reads it after.
 */
public interface WasmGlobal {

    String name();

    long get();

    /** Sets the value; raises E0103 when the global is immutable. */
    void set(long value);
}
