package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ExternKind;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.LinearMemoryLimits;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasiLogSink;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmGlobal;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.WasmModule;
import io.torvyn.engine.wasm.internal.LineSplitter;
import io.torvyn.engine.wasm.internal.LinkPlan;
import io.torvyn.engine.wasm.internal.MeteredExports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One Chicory instance with its guards. Every export call goes through {@link #invoke}, which arms the deadline
 * clock (when the node has a timeout) and maps failures through {@link WasmFailures}; nothing on that path allocates
 * beyond what Chicory's own call does (its result array).
 */
final class ChicoryInstance implements WasmInstance {

    private static final String INITIALIZE = "_initialize";

    private final ChicoryModule module;
    private final Instance instance;
    private final ChicoryMemory memory;
    private final String where;
    private final CallWatchdog watchdog;
    private final CallClock clock;
    private final long timeoutNanos;
    private final WasiPreview1 wasi;
    private final List<LineSplitter> wasiOutputs;
    private final HostFailureSlot hostFailures;
    private final Map<String, ChicoryFunction> functions = new HashMap<>();
    private final Map<String, ChicoryGlobal> globals = new HashMap<>();
    private final Map<String, ChicoryMeteredFunction> meteredFunctions = new HashMap<>();
    private final Map<String, ChicoryMeteredFunction> meteredBatchFunctions = new HashMap<>();
    private LongSupplier fuel;

    private ChicoryInstance(final ChicoryModule module, final Instance instance, final ChicoryMemory memory,
                            final String where, final CallWatchdog watchdog, final CallClock clock,
                            final long timeoutNanos, final WasiPreview1 wasi, final List<LineSplitter> wasiOutputs,
                            final HostFailureSlot hostFailures) {
        this.module = module;
        this.instance = instance;
        this.memory = memory;
        this.where = where;
        this.watchdog = watchdog;
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
        this.wasi = wasi;
        this.wasiOutputs = wasiOutputs;
        this.hostFailures = hostFailures;
    }

    static ChicoryInstance create(final ChicoryModule module, final ChicoryEngine.CompiledCode code,
                                  final TorvynHost host, final InstanceOptions options, final CallWatchdog watchdog) {
        final LinkPlan plan = LinkPlan.of(module.descriptor(), options);
        final ChicoryMemory memory = new ChicoryMemory();
        host.bind(memory);

        final HostFailureSlot hostFailures = new HostFailureSlot();
        final List<HostFunction> imports = new ArrayList<>(ChicoryHostFunctions.create(plan.hostImports(), host,
            hostFailures));
        WasiPreview1 wasi = null;
        final List<LineSplitter> outputs = new ArrayList<>(2);
        if (plan.wasiImported()) {
            final LineSplitter stdout = new LineSplitter(options.wasiLog(), WasiLogSink.STDOUT_LEVEL);
            final LineSplitter stderr = new LineSplitter(options.wasiLog(), WasiLogSink.STDERR_LEVEL);
            outputs.add(stdout);
            outputs.add(stderr);
            wasi = WasiPreview1.builder()
                .withOptions(WasiOptions.builder().withStdout(stdout).withStderr(stderr).build())
                .build();
            imports.addAll(List.of(wasi.toHostFunctions()));
        }

        final Instance.Builder builder = Instance.builder(code.parsed().module())
            .withImportValues(ImportValues.builder().withFunctions(new ArrayList<>(imports)).build())
            .withMachineFactory(code.machineFactory())
            .withMemoryFactory(limits -> memory.attach(new ByteArrayMemory(limits)))
            .withStart(false);
        final LinearMemoryLimits declared = module.descriptor().memoryLimits().orElse(null);
        if (declared != null && plan.maxPages() != declared.maxPages()) {
            builder.withMemoryLimits(new MemoryLimits((int) declared.minPages(), (int) plan.maxPages()));
        }

        final Instance instance;
        try {
            instance = builder.build();
        } catch (final Throwable t) {
            if (wasi != null) {
                wasi.close();
            }
            throw WasmFailures.callFailed(plan.where(), "(start)", t, hostFailures.take(), false, 0, null, null);
        }

        final long timeout = options.invocationTimeoutNs();
        final CallClock clock = timeout > 0 ? watchdog.register(timeout) : null;
        final ChicoryInstance created = new ChicoryInstance(module, instance, memory, plan.where(), watchdog, clock,
            timeout, wasi, outputs, hostFailures);
        try {
            created.armFuel(options.fuelGlobal());
            final WasmFunction initialize = created.function(INITIALIZE);
            if (initialize != null) {
                initialize.callVoid();
            }
        } catch (final RuntimeException e) {
            created.close();
            throw e;
        }
        return created;
    }

    private void armFuel(final String fuelGlobal) {
        if (fuelGlobal == null) {
            return;
        }
        final WasmGlobal global = global(fuelGlobal);
        if (global == null) {
            throw WasmFailures.fuelGlobalMissing(where, module.name(), fuelGlobal);
        }
        fuel = global::get;
    }

    /** Calls an export with the deadline armed; the one place Chicory calls enter the guest. */
    long[] invoke(final String export, final ExportFunction function, final long[] args) {
        final CallClock c = clock;
        if (c != null) {
            c.begin();
        }
        final long[] result;
        try {
            result = function.apply(args);
        } catch (final Throwable t) {
            throw failed(export, t);
        }
        if (c != null) {
            c.end();
        }
        return result;
    }

    private RuntimeException failed(final String export, final Throwable failure) {
        final boolean expired = clock != null && clock.end();
        final Throwable fromHost = hostFailures.take();
        if (fromHost == null && !expired && failure instanceof ChicoryInterruptedException) {
            return WasmFailures.interrupted(where, export, failure);
        }
        return WasmFailures.callFailed(where, export, failure, fromHost, expired, timeoutNanos, fuel, null);
    }

    String where() {
        return where;
    }

    @Override
    public WasmModule module() {
        return module;
    }

    @Override
    public WasmFunction function(final String exportName) {
        final ChicoryFunction cached = functions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo export = module.descriptor().functionExport(exportName);
        if (export == null) {
            return null;
        }
        final ChicoryFunction created = new ChicoryFunction(this, exportName, export.signature(),
            instance.export(exportName));
        functions.put(exportName, created);
        return created;
    }

    @Override
    public MeteredFunction metered(final String exportName) {
        final ChicoryMeteredFunction cached = meteredFunctions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo original = module.descriptor().functionExport(exportName);
        if (original == null) {
            return null;
        }
        final ExportInfo wrapper = MeteredExports.wrapperOf(module.descriptor(), original, where);
        if (wrapper == null) {
            return null;
        }
        final ChicoryMeteredFunction created = new ChicoryMeteredFunction(this, exportName, original.signature(),
            MeteredExports.packs(original.signature(), wrapper.signature()), instance.export(wrapper.name()));
        meteredFunctions.put(exportName, created);
        return created;
    }

    @Override
    public MeteredFunction meteredBatch(final String exportName) {
        final ChicoryMeteredFunction cached = meteredBatchFunctions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo original = module.descriptor().functionExport(exportName);
        final ExportInfo wrapper = original == null ? null
            : MeteredExports.batchWrapperOf(module.descriptor(), original, where);
        if (wrapper == null) {
            return null;
        }
        final ChicoryMeteredFunction created = new ChicoryMeteredFunction(this, exportName, MeteredExports.BATCH_TWIN,
            MeteredExports.packs(MeteredExports.BATCH_TWIN, wrapper.signature()), instance.export(wrapper.name()));
        meteredBatchFunctions.put(exportName, created);
        return created;
    }

    @Override
    public WasmMemory memory() {
        return memory;
    }

    /** Whether off-heap copies take the direct page-array path (false only with an incompatible Chicory). */
    boolean fastMemoryCopies() {
        return memory.usesPageArrays();
    }

    @Override
    public WasmGlobal global(final String exportName) {
        final ChicoryGlobal cached = globals.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo export = module.descriptor().export(exportName);
        if (export == null || export.kind() != ExternKind.GLOBAL) {
            return null;
        }
        if (export.globalType() != ValueType.I64) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "global \"" + exportName + "\"",
                ValueType.I64.text(), export.globalType().text()));
        }
        final GlobalInstance global = instance.exports().global(exportName);
        final ChicoryGlobal created = new ChicoryGlobal(exportName, global, export.globalMutable(), where);
        globals.put(exportName, created);
        return created;
    }

    @Override
    public void close() {
        if (clock != null) {
            watchdog.unregister(clock);
        }
        if (wasi != null) {
            wasi.close();
        }
        for (final LineSplitter output : wasiOutputs) {
            output.flush();
        }
    }
}
