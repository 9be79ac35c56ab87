package io.torvyn.engine.wasm.instrument;

/**
 * One instantiated module on one engine, driven the way the engine will drive components: set the fuel global, call
 * an export, read the fuel global. Arguments are Integer (i32), Long (i64) or Double (f64); engine traps surface as
 * {@link GuestTrap}.
 */
interface GuestRunner extends AutoCloseable {

    /** Calls an export with one result, returned as a long (i32 results sign-extended). */
    long call(String export, Object... args);

    /** Calls an export and returns all its results (i32 sign-extended, i64 as is, floats as their raw bits). */
    long[] results(String export, Object... args);

    /** Calls an export without results. */
    void run(String export, Object... args);

    long fuel();

    void fuel(long value);

    @Override
    void close();
}
