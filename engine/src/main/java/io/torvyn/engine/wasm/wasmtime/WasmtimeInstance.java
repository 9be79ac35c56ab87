package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Caller;
import io.github.kawamuray.wasmtime.Disposable;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ExternKind;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.HostImport;
import io.torvyn.engine.wasm.ImportInfo;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmGlobal;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.WasmModule;
import io.torvyn.engine.wasm.internal.LinkPlan;
import io.torvyn.engine.wasm.internal.MeteredExports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One Wasmtime instance in its own store and linker. Reactor modules (no {@code _start}) are instantiated through
 * {@code Linker.module}, which also runs {@code _initialize} and is the binding's only way to reach exported globals;
 * a module exporting {@code _start} is instantiated directly (the linker would make a fresh instance per call), and
 * then has no global access.
 *
 * <h2>Deadline</h2>
 * With a timeout of {@code T} ticks ({@link EpochTicker#deadlineTicks}) the store's deadline is armed at
 * {@code T + S} ticks, {@code S} = {@link EpochTicker#slackTicks} = max(1, T/8), and armed again before a call only
 * when the ticker's Java-side count has moved {@code S} or more ticks since the last arm (or the previous call
 * failed). A call in between reuses the armed deadline without a JNI call, and still has at least {@code T} ticks
 * from its start: the old deadline was {@code T + S} ticks from an arm fewer than {@code S} ticks ago, and the engine's
 * epoch is at most one tick ahead of the count. So a runaway call is interrupted no earlier than before (never before
 * {@code invocation_timeout}) and at most {@code S + 1} ticks later than with an arm per call (with the default
 * 10 ms tick and a 5 s timeout: at most 630 ms later). A call after an idle gap of any length re-arms first, so an
 * old deadline never interrupts it.
 */
final class WasmtimeInstance implements WasmInstance, WasmtimeHostFunctions.Guard {

    private static final String LINK_NAME = "component";
    private static final String START = "_start";

    private final WasmtimeModule module;
    private final Store<Void> store;
    private final Linker linker;
    private final WasmtimeMemory memory;
    private final WasiCapture wasiCapture;
    private final String where;
    private final long timeoutNanos;
    private final EpochTicker ticker;
    private final List<Disposable> disposables = new ArrayList<>();
    private final Map<String, WasmtimeFunction> functions = new HashMap<>();
    private final Map<String, WasmtimeGlobal> globals = new HashMap<>();
    private final Map<String, WasmtimeMeteredFunction> meteredFunctions = new HashMap<>();
    private final Map<String, WasmtimeMeteredFunction> meteredBatchFunctions = new HashMap<>();
    private Instance instance;
    private long deadlineTicks;
    private long slackTicks;
    private long rearmAt = Long.MIN_VALUE;
    private long deadlineArms;
    private LongSupplier fuel;
    private Throwable hostFailure;
    private boolean closed;

    private WasmtimeInstance(final WasmtimeModule module, final Store<Void> store, final Linker linker,
                             final WasiCapture wasiCapture, final String where, final long timeoutNanos,
                             final EpochTicker ticker) {
        this.module = module;
        this.store = store;
        this.linker = linker;
        this.memory = new WasmtimeMemory(store);
        this.wasiCapture = wasiCapture;
        this.where = where;
        this.timeoutNanos = timeoutNanos;
        this.ticker = ticker;
    }

    static WasmtimeInstance create(final WasmtimeModule module, final Engine engine, final Module compiled,
                                   final TorvynHost host, final InstanceOptions options, final EpochTicker ticker) {
        final LinkPlan plan = LinkPlan.of(module.descriptor(), options);
        WasiCapture capture = null;
        final Store<Void> store;
        if (plan.wasiImported()) {
            capture = WasiCapture.open(options.wasiLog());
            final WasiCtx wasi = new WasiCtxBuilder().stdout(capture.stdoutPath()).stderr(capture.stderrPath())
                .build();
            store = new Store<>(null, engine, wasi);
        } else {
            store = new Store<>(null, engine);
        }
        store.setEpochDeadline(EpochTicker.NEVER);
        final Linker linker = new Linker(engine);
        final WasmtimeInstance created = new WasmtimeInstance(module, store, linker, capture, plan.where(),
            options.invocationTimeoutNs(), ticker);
        try {
            if (plan.wasiImported()) {
                WasiCtx.addToLinker(linker);
            }
            host.bind(created.memory);
            for (final HostImport hostImport : plan.hostImports()) {
                final Func func = WasmtimeHostFunctions.create(store, hostImport, host, created);
                created.disposables.add(func);
                linker.define(store, HostImport.MODULE, hostImport.importName(), Extern.fromFunc(func));
            }
            created.instantiate(compiled);
            if (options.invocationTimeoutNs() > 0) {
                created.deadlineTicks = ticker.deadlineTicks(options.invocationTimeoutNs());
                created.slackTicks = EpochTicker.slackTicks(created.deadlineTicks);
            }
            created.armFuel(options.fuelGlobal());
            return created;
        } catch (final RuntimeException | Error e) {
            created.close();
            throw e;
        }
    }

    private void instantiate(final Module compiled) {
        try {
            if (module.descriptor().functionExport(START) != null) {
                final List<Extern> externs = new ArrayList<>();
                for (final ImportInfo imported : module.descriptor().imports()) {
                    externs.add(linker.get(store, imported.module(), imported.name()).orElseThrow());
                }
                instance = new Instance(store, compiled, externs);
            } else {
                linker.module(store, LINK_NAME, compiled);
            }
        } catch (final RuntimeException | Error e) {
            throw failed("(start)", e);
        } finally {
            memory.invalidate();
            drainWasi();
        }
        if (!memory.isResolved()) {
            final Extern exported = export(ModuleContract.MEMORY_EXPORT).orElse(null);
            if (exported != null && exported.type() == Extern.Type.MEMORY) {
                memory.resolve(exported.memory());
            }
        }
    }

    private Optional<Extern> export(final String name) {
        if (instance != null) {
            final Optional<Extern> found = name.equals(ModuleContract.MEMORY_EXPORT)
                ? instance.getMemory(store, name).map(Extern::fromMemory)
                : instance.getFunc(store, name).map(Extern::fromFunc);
            return found;
        }
        return linker.get(store, LINK_NAME, name);
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

    /** Calls an export with the deadline armed; the one place wasmtime calls enter the guest. */
    Val[] invoke(final String export, final Func func, final Val[] args) {
        armDeadline();
        try {
            return func.call(store, args);
        } catch (final RuntimeException | Error e) {
            throw failed(export, e);
        } finally {
            memory.invalidate();
            drainWasi();
        }
    }

    private void armDeadline() {
        if (deadlineTicks > 0) {
            final long now = ticker.epochs();
            if (now >= rearmAt) {
                store.setEpochDeadline(deadlineTicks + slackTicks);
                rearmAt = now + slackTicks;
                deadlineArms++;
            }
        }
    }

    private RuntimeException failed(final String export, final Throwable failure) {
        rearmAt = Long.MIN_VALUE;
        final Throwable fromHost = hostFailure;
        hostFailure = null;
        final Trap trap = failure instanceof WasmFunctionError.TrapError trapError ? trapError.trap() : null;
        final boolean deadline = fromHost == null && deadlineTicks > 0 && trap == Trap.INTERRUPT;
        return WasmFailures.callFailed(where, export, failure, fromHost, deadline, timeoutNanos, fuel,
            trapReason(trap));
    }

    /** The contract's reason for a wasmtime trap code, or null to classify the message. */
    private static String trapReason(final Trap trap) {
        if (trap == null) {
            return null;
        }
        return switch (trap) {
            case UNREACHABLE_CODE_REACHED -> WasmFailures.REASON_UNREACHABLE;
            case MEMORY_OUT_OF_BOUNDS, HEAP_MISALIGNED -> WasmFailures.REASON_OUT_OF_BOUNDS;
            case INTEGER_DIVISION_BY_ZERO -> WasmFailures.REASON_DIVISION_BY_ZERO;
            case INTEGER_OVERFLOW -> WasmFailures.REASON_INTEGER_OVERFLOW;
            case BAD_CONVERSION_TO_INTEGER -> WasmFailures.REASON_INVALID_CONVERSION;
            case STACK_OVERFLOW -> WasmFailures.REASON_STACK_OVERFLOW;
            case TABLE_OUT_OF_BOUNDS, INDIRECT_CALL_TO_NULL, BAD_SIGNATURE -> WasmFailures.REASON_INDIRECT_CALL;
            case INTERRUPT -> WasmFailures.REASON_DEADLINE;
            case OUF_OF_FUEL -> WasmFailures.REASON_FUEL;
            default -> WasmFailures.REASON_TRAP;
        };
    }

    private void drainWasi() {
        if (wasiCapture != null) {
            wasiCapture.drain();
        }
    }

    @Override
    public void enterHost(final Caller<Void> caller) {
        memory.invalidate();
        if (!memory.isResolved()) {
            caller.getExport(ModuleContract.MEMORY_EXPORT).ifPresent(e -> {
                if (e.type() == Extern.Type.MEMORY) {
                    memory.resolve(e.memory());
                }
            });
        }
    }

    @Override
    public void hostFailed(final Throwable failure) {
        if (hostFailure == null) {
            hostFailure = failure;
        }
    }

    String where() {
        return where;
    }

    /** How often a call has set the store's epoch deadline (a JNI call each). For tests. */
    long deadlineArms() {
        return deadlineArms;
    }

    @Override
    public WasmModule module() {
        return module;
    }

    @Override
    public WasmFunction function(final String exportName) {
        final WasmtimeFunction cached = functions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo export = module.descriptor().functionExport(exportName);
        if (export == null) {
            return null;
        }
        final Extern extern = export(exportName).orElse(null);
        if (extern == null || extern.type() != Extern.Type.FUNC) {
            return null;
        }
        final Func func = extern.func();
        disposables.add(func);
        final WasmtimeFunction created = new WasmtimeFunction(this, exportName, export.signature(), func);
        functions.put(exportName, created);
        return created;
    }

    @Override
    public MeteredFunction metered(final String exportName) {
        final WasmtimeMeteredFunction cached = meteredFunctions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo original = module.descriptor().functionExport(exportName);
        if (original == null) {
            return null;
        }
        final ExportInfo wrapper = MeteredExports.wrapperOf(module.descriptor(), original, where);
        final WasmtimeMeteredFunction created = twin(exportName, original.signature(), wrapper);
        if (created != null) {
            meteredFunctions.put(exportName, created);
        }
        return created;
    }

    @Override
    public MeteredFunction meteredBatch(final String exportName) {
        final WasmtimeMeteredFunction cached = meteredBatchFunctions.get(exportName);
        if (cached != null) {
            return cached;
        }
        final ExportInfo original = module.descriptor().functionExport(exportName);
        if (original == null) {
            return null;
        }
        final ExportInfo wrapper = MeteredExports.batchWrapperOf(module.descriptor(), original, where);
        final WasmtimeMeteredFunction created = twin(exportName, MeteredExports.BATCH_TWIN, wrapper);
        if (created != null) {
            meteredBatchFunctions.put(exportName, created);
        }
        return created;
    }

    /** The twin of {@code exportName} called as {@code signature} through {@code wrapper}; null without one. */
    private WasmtimeMeteredFunction twin(final String exportName, final FunctionSignature signature,
                                         final ExportInfo wrapper) {
        if (wrapper == null) {
            return null;
        }
        final Extern extern = export(wrapper.name()).orElse(null);
        if (extern == null || extern.type() != Extern.Type.FUNC) {
            return null;
        }
        final Func func = extern.func();
        disposables.add(func);
        return new WasmtimeMeteredFunction(this, exportName, signature,
            MeteredExports.packs(signature, wrapper.signature()), func);
    }

    @Override
    public WasmMemory memory() {
        return memory;
    }

    @Override
    public WasmGlobal global(final String exportName) {
        final WasmtimeGlobal cached = globals.get(exportName);
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
        if (instance != null) {
            throw WasmFailures.internal(where, "exported globals of a module that exports _start are not reachable "
                + "through wasmtime-java; build the component as a reactor (no _start)", null);
        }
        final Extern extern = linker.get(store, LINK_NAME, exportName).orElse(null);
        if (extern == null || extern.type() != Extern.Type.GLOBAL) {
            return null;
        }
        final Global global = extern.global();
        disposables.add(global);
        final WasmtimeGlobal created = new WasmtimeGlobal(exportName, store, global, export.globalMutable(), where);
        globals.put(exportName, created);
        return created;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (final Disposable disposable : disposables) {
            disposable.dispose();
        }
        if (instance != null) {
            instance.dispose();
        }
        linker.dispose();
        store.dispose();
        if (wasiCapture != null) {
            wasiCapture.close();
        }
    }
}
