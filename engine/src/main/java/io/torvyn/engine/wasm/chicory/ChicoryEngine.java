package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmModule;
import io.torvyn.engine.wasm.WatCompiler;
import io.torvyn.engine.wasm.internal.ModuleParser;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code chicory} engine: Chicory's compiler translates each module to JVM bytecode once (no interpreter
 * fallback: a function it cannot compile fails the module), so a guest call costs nanoseconds and host imports are
 * plain Java calls. Deadlines come from a {@link CallWatchdog} thread made by the given thread factory.
 */
public final class ChicoryEngine implements WasmEngine {

    public static final String NAME = "chicory";

    /** Watchdog resolution: a timeout fires at most this much late. */
    public static final long DEFAULT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ConcurrentHashMap<String, CompiledCode> cache = new ConcurrentHashMap<>();
    private final CallWatchdog watchdog;

    /** The compiled form of one binary, shared by every module compiled from the same bytes. */
    record CompiledCode(ModuleParser.Parsed parsed, Function<Instance, Machine> machineFactory) {
    }

    /** An engine whose watchdog thread is a daemon named {@code torvyn-chicory-watchdog}. */
    public ChicoryEngine() {
        this(runnable -> new Thread(runnable, "torvyn-chicory-watchdog"), DEFAULT_TICK_NANOS);
    }

    /**
     * @param threadFactory makes the watchdog thread (started on the first instance with a timeout, set daemon)
     * @param tickNanos     watchdog resolution
     */
    public ChicoryEngine(final ThreadFactory threadFactory, final long tickNanos) {
        this.watchdog = new CallWatchdog(threadFactory, tickNanos);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WasmModule compile(final byte[] wasmOrWat, final String name) {
        final byte[] wasm = ModuleParser.isBinary(wasmOrWat) ? wasmOrWat : WatCompiler.toWasm(wasmOrWat, name);
        final String digest = ModuleParser.digest(wasm);
        CompiledCode code = cache.get(digest);
        if (code == null) {
            code = compileBinary(wasm, name, digest);
            final CompiledCode raced = cache.putIfAbsent(digest, code);
            if (raced != null) {
                code = raced;
            }
        }
        return new ChicoryModule(code, code.parsed().descriptor().withName(name), watchdog);
    }

    private static CompiledCode compileBinary(final byte[] wasm, final String name, final String digest) {
        final ModuleParser.Parsed parsed = ModuleParser.parse(wasm, name, digest);
        try {
            final Function<Instance, Machine> factory = MachineFactoryCompiler.builder(parsed.module())
                .withInterpreterFallback(InterpreterFallback.FAIL)
                .compile();
            return new CompiledCode(parsed, factory);
        } catch (final RuntimeException e) {
            throw WasmFailures.moduleInvalid(name, "chicory cannot compile it: " + e, e);
        }
    }

    @Override
    public void close() {
        watchdog.close();
        cache.clear();
    }
}
