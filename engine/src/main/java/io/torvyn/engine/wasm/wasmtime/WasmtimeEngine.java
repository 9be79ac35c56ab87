package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.WasmtimeException;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmModule;
import io.torvyn.engine.wasm.WatCompiler;
import io.torvyn.engine.wasm.internal.ModuleParser;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The {@code wasmtime} engine: Wasmtime 7 (Cranelift native code) through wasmtime-java. Guest compute is fast, but
 * each Java→Wasm call and Wasm→host import costs microseconds and allocates in the binding, so flows on this engine
 * should use the batch ABI. Epoch interruption is always on; an {@link EpochTicker} thread made by the given
 * thread factory enforces {@code invocation_timeout}. The JNI library is loaded through
 * {@link WasmtimeNativeLibrary} (extracted once to a cache directory).
 */
public final class WasmtimeEngine implements WasmEngine {

    public static final String NAME = "wasmtime";

    /** Epoch tick: a timeout fires at most this much late. */
    public static final long DEFAULT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Engine engine;
    private final EpochTicker ticker;
    private final ConcurrentHashMap<String, Compiled> cache = new ConcurrentHashMap<>();
    private boolean closed;

    private record Compiled(Module module, ModuleDescriptor descriptor) {
    }

    /** An engine whose ticker thread is a daemon named {@code torvyn-wasmtime-epoch}. */
    public WasmtimeEngine() {
        this(runnable -> new Thread(runnable, "torvyn-wasmtime-epoch"), DEFAULT_TICK_NANOS);
    }

    /**
     * @param threadFactory makes the epoch ticker thread (started on the first instance with a timeout, set daemon)
     * @param tickNanos     epoch period
     */
    public WasmtimeEngine(final ThreadFactory threadFactory, final long tickNanos) {
        WasmtimeNativeLibrary.ensureLoaded();
        this.engine = new Engine(new Config().epochInterruption(true));
        this.ticker = new EpochTicker(engine, threadFactory, tickNanos);
    }

    /** The engine's epoch ticker; tests drive it by hand. */
    EpochTicker ticker() {
        return ticker;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WasmModule compile(final byte[] wasmOrWat, final String name) {
        final byte[] wasm = ModuleParser.isBinary(wasmOrWat) ? wasmOrWat : WatCompiler.toWasm(wasmOrWat, name);
        final String digest = ModuleParser.digest(wasm);
        Compiled compiled = cache.get(digest);
        if (compiled == null) {
            compiled = compileBinary(wasm, name, digest);
            final Compiled raced = cache.putIfAbsent(digest, compiled);
            if (raced != null) {
                compiled.module().dispose();
                compiled = raced;
            }
        }
        return new WasmtimeModule(engine, compiled.module(), compiled.descriptor().withName(name), ticker);
    }

    private Compiled compileBinary(final byte[] wasm, final String name, final String digest) {
        final ModuleParser.Parsed parsed = ModuleParser.parse(wasm, name, digest);
        try {
            return new Compiled(Module.fromBinary(engine, wasm), parsed.descriptor());
        } catch (final WasmtimeException e) {
            throw WasmFailures.moduleInvalid(name, "wasmtime cannot compile it: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.close();
        for (final Compiled compiled : cache.values()) {
            compiled.module().dispose();
        }
        cache.clear();
        engine.dispose();
    }
}
