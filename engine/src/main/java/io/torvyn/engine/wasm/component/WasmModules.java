package io.torvyn.engine.wasm.component;

import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmEngines;
import io.torvyn.engine.wasm.WatCompiler;
import io.torvyn.engine.wasm.instrument.InstrumentedModule;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;
import io.torvyn.engine.wasm.internal.ModuleParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Wasm modules of one run and the engines that compile them. Engines are created on first use (one per name, with
 * the project's thread factory) and live until {@link #close()}; each module file is read (and converted from WAT)
 * once, and instrumented and compiled once per (file, bytes, engine, fuel, memory limit), however many nodes use it
 * and however often role resolution, {@code check} and the factory ask (the engines also share compiled code between
 * files with the same bytes; the file stays in the key so messages name the right one). Setup-time only; calls are
 * serialised.
 */
public final class WasmModules implements AutoCloseable {

    private record Key(Path path, String digest, String engine, long fuel, long maxMemory) {
    }

    private final Map<String, WasmEngine> engines = new LinkedHashMap<>();
    private final Map<Path, byte[]> binaries = new HashMap<>();
    private final Map<Key, LoadedModule> modules = new HashMap<>();
    private TorvynThreads threads;
    private boolean closed;

    /** The module of {@code node}, loaded for its engine and limits. */
    public synchronized LoadedModule load(final TorvynConfig config, final NodeConfig node) {
        return load(ModuleSource.of(config, node), node);
    }

    /** As {@link #load(TorvynConfig, NodeConfig)} with the source already resolved. */
    public synchronized LoadedModule load(final ModuleSource source, final NodeConfig node) {
        if (closed) {
            throw new IllegalStateException("the run's Wasm modules are closed");
        }
        final byte[] wasm = binary(source);
        final Key key = new Key(source.path(), ModuleParser.digest(wasm), node.engine(), node.fuelPerInvocation(),
            node.maxMemory());
        final LoadedModule cached = modules.get(key);
        if (cached != null) {
            return cached;
        }
        final InstrumentedModule instrumented = ModuleInstrumenter.instrument(source.origin(), wasm,
            node.fuelPerInvocation(), node.maxMemory());
        final var module = engine(node.engine()).compile(instrumented.bytes(), source.origin());
        final LoadedModule loaded = new LoadedModule(module, ModuleContract.roleOf(module),
            instrumented.metered() ? instrumented.fuelGlobalExport() : null, source.origin());
        modules.put(key, loaded);
        return loaded;
    }

    /** Names of the engines created so far. */
    public synchronized List<String> engineNames() {
        return new ArrayList<>(engines.keySet());
    }

    private WasmEngine engine(final String name) {
        WasmEngine engine = engines.get(name);
        if (engine == null) {
            if (threads == null) {
                threads = new TorvynThreads("wasm");
            }
            engine = WasmEngines.create(name, threads);
            engines.put(name, engine);
        }
        return engine;
    }

    private byte[] binary(final ModuleSource source) {
        final byte[] cached = binaries.get(source.path());
        if (cached != null) {
            return cached;
        }
        final byte[] raw;
        try {
            raw = Files.readAllBytes(source.path());
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot read module " + source.path() + ": " + e,
                source.origin(), "check that the file exists and is readable"), e);
        }
        final byte[] wasm = ModuleParser.isBinary(raw) ? raw : WatCompiler.toWasm(raw, source.origin());
        binaries.put(source.path(), wasm);
        return wasm;
    }

    /** Closes every engine (instances must be closed first). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (final WasmEngine engine : engines.values()) {
            try {
                engine.close();
            } catch (final RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        engines.clear();
        modules.clear();
        binaries.clear();
        if (first != null) {
            throw first;
        }
    }
}
