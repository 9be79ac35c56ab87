package io.torvyn.engine.wasm.component;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmGlobal;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmMemory;

/**
 * The live instance behind one Wasm node, and the rules every call follows whatever the role: the instance is created
 * lazily ({@code torvyn_init}, then {@code torvyn_batch_area} for a batch module), each call starts with a full fuel
 * budget and charges what it used to {@code component.fuel_consumed}, and any failed call (E04xx) discards the
 * instance so the next call runs in a fresh one, initialised again. Used by the stage's thread only.
 * <p>
 * A metered call goes through the export's {@link MeteredFunction} twin: one guest call that starts with the full
 * budget and returns the fuel used, where setting and reading the fuel global would be two more crossings
 * (microseconds each on wasmtime). The global is read only after a failed call, to tell fuel exhaustion apart and
 * charge what was used, and set and read around calls of an export without a twin. A metered batch call goes through
 * the export's argument-free twin ({@link WasmInstance#meteredBatch}) when the module has one: the count it would pass
 * is already in the batch area header, and on wasmtime the argument would cost as much as the call.
 */
final class GuestInstance {
    /** Function slots, resolved again after every instantiation. */
    static final int ROLE = 0;
    static final int FLUSH = 1;
    static final int COMPLETE = 2;
    private static final int SLOTS = 3;

    private final LoadedModule module;
    private final InstanceOptions options;
    private final HostBinding host;
    private final NodeStats stats;
    private final long fuelBudget;
    private final String where;
    private final String[] exports = new String[SLOTS];
    private final BatchArea area;

    private final WasmFunction[] functions = new WasmFunction[SLOTS];
    private final MeteredFunction[] meteredFunctions = new MeteredFunction[SLOTS];
    private boolean batchTwinAllowed = true;
    private MeteredFunction batchTwin;
    private long argumentFreeBatchCalls;
    private WasmInstance instance;
    private WasmGlobal fuel;
    private long instantiations;

    /**
     * @param roleExport the export called per element or per batch ({@code torvyn_process}, {@code torvyn_push_batch},
     *                   …)
     * @param area       the batch region to set up after init, or null for a per-element module
     */
    GuestInstance(final LoadedModule module, final InstanceOptions options, final HostBinding host,
                  final NodeStats stats, final long fuelBudget, final String where, final String roleExport,
                  final BatchArea area) {
        this.module = module;
        this.options = options;
        this.host = host;
        this.stats = stats;
        this.fuelBudget = fuelBudget;
        this.where = where;
        this.area = area;
        exports[ROLE] = roleExport;
        exports[FLUSH] = ModuleContract.FLUSH;
        exports[COMPLETE] = ModuleContract.COMPLETE;
    }

    boolean isLive() {
        return instance != null;
    }

    /** Instances created so far (1 + re-instantiations after failures). */
    long instantiations() {
        return instantiations;
    }

    /** Whether batch calls may use the argument-free twin; see {@link WasmComponent#useBatchTwin}. */
    void useBatchTwin(final boolean allowed) {
        batchTwinAllowed = allowed;
    }

    /** Batch calls made through the argument-free twin so far, over all instances. */
    long argumentFreeBatchCalls() {
        return argumentFreeBatchCalls;
    }

    boolean has(final int slot) {
        return module.module().descriptor().functionExport(exports[slot]) != null;
    }

    /**
     * Makes sure an initialised instance exists: instantiates, calls {@code torvyn_init} and sets up the batch area.
     *
     * @throws TorvynException E0410 when the instance cannot be created or initialised
     */
    void ensureLive() {
        if (instance != null) {
            return;
        }
        try {
            instance = module.module().instantiate(host, options);
        } catch (final TorvynException e) {
            throw ComponentErrors.initFailed(where, e);
        }
        instantiations++;
        fuel = module.metered() ? instance.global(module.fuelGlobal()) : null;
        try {
            for (int s = 0; s < SLOTS; s++) {
                functions[s] = instance.function(exports[s]);
                meteredFunctions[s] = meteredTwin(functions[s]);
            }
            init();
            if (area != null) {
                final WasmFunction areaFunction = instance.function(ModuleContract.BATCH_AREA);
                final int address = callLifecycle(areaFunction, area.bytes());
                area.attach(instance.memory(), address, where);
                batchTwin = batchTwinAllowed && meteredTwin(areaFunction) != null && functions[ROLE] != null
                    ? instance.meteredBatch(exports[ROLE]) : null;
            }
        } catch (final TorvynException e) {
            discard();
            throw e.code() == ErrorCode.E0410 ? e : ComponentErrors.initFailed(where, e);
        }
        observeMemory(instance);
    }

    private MeteredFunction meteredTwin(final WasmFunction function) {
        return fuel == null || function == null ? null : instance.metered(function.name());
    }

    /**
     * Reports the instance's linear-memory size to {@code component.memory_*}. Memory only grows while an instance
     * lives, so reading it when the instance starts and when it ends gives its peak without a read per call.
     */
    private void observeMemory(final WasmInstance live) {
        try {
            final WasmMemory memory = live.memory();
            stats.observeMemory(memory == null ? 0 : memory.size());
        } catch (final RuntimeException ignored) {
            // a broken instance may not answer; its size was reported when it started
        }
    }

    private void init() {
        final WasmFunction init = instance.function(ModuleContract.INIT);
        if (init == null) {
            return;
        }
        final int result = callLifecycle(init, Integer.MIN_VALUE);
        if (result < 0) {
            throw ComponentErrors.initFailed(where, result, host.failMessage());
        }
    }

    /** Calls {@code torvyn_init} ({@code arg} MIN_VALUE: no argument) or {@code torvyn_batch_area} inside a call. */
    private int callLifecycle(final WasmFunction function, final int arg) {
        host.begin(-1, System.nanoTime(), System.nanoTime());
        final int result;
        try {
            final MeteredFunction metered = meteredTwin(function);
            if (metered != null) {
                result = arg == Integer.MIN_VALUE ? call(metered) : call(metered, arg);
            } else {
                result = arg == Integer.MIN_VALUE ? call(function) : call(function, arg);
            }
        } catch (final TorvynException e) {
            host.abort();
            throw e;
        }
        if (host.violated()) {
            final TorvynException v = host.violation();
            host.abort();
            throw v;
        }
        host.finish(null);
        return result;
    }

    /** Calls function slot {@code slot} with one i32 argument. On failure the instance is discarded. */
    int call(final int slot, final int arg) {
        final MeteredFunction metered = meteredFunctions[slot];
        return metered != null ? call(metered, arg) : call(functions[slot], arg);
    }

    /**
     * Calls the batch role export on the {@code count} elements just published in the batch area: without argument
     * through the argument-free twin when there is one (it reads the same count from the header), else with
     * {@code count}. On failure the instance is discarded.
     */
    int callBatch(final int count) {
        final MeteredFunction twin = batchTwin;
        if (twin == null) {
            return call(ROLE, count);
        }
        assert area.publishedCount() == count : "header count " + area.publishedCount() + " != " + count;
        argumentFreeBatchCalls++;
        return call(twin);
    }

    /** Calls function slot {@code slot} without arguments. On failure the instance is discarded. */
    int call(final int slot) {
        final MeteredFunction metered = meteredFunctions[slot];
        return metered != null ? call(metered) : call(functions[slot]);
    }

    private int call(final MeteredFunction function, final int arg) {
        final int result;
        try {
            result = function.callI32(arg);
        } catch (final TorvynException e) {
            chargeAfterFailure();
            discard();
            throw e;
        }
        stats.addFuel(function.fuelUsed());
        return result;
    }

    private int call(final MeteredFunction function) {
        final int result;
        try {
            result = function.callI32();
        } catch (final TorvynException e) {
            chargeAfterFailure();
            discard();
            throw e;
        }
        stats.addFuel(function.fuelUsed());
        return result;
    }

    private int call(final WasmFunction function, final int arg) {
        armFuel();
        final int result;
        try {
            result = function.callI32(arg);
        } catch (final TorvynException e) {
            chargeAfterFailure();
            discard();
            throw e;
        }
        chargeFuel();
        return result;
    }

    private int call(final WasmFunction function) {
        armFuel();
        final int result;
        try {
            result = function.callI32();
        } catch (final TorvynException e) {
            chargeAfterFailure();
            discard();
            throw e;
        }
        chargeFuel();
        return result;
    }

    private void armFuel() {
        if (fuel != null) {
            fuel.set(fuelBudget);
        }
    }

    private void chargeFuel() {
        if (fuel != null) {
            stats.addFuel(fuelBudget - fuel.get());
        }
    }

    private void chargeAfterFailure() {
        if (fuel == null) {
            return;
        }
        try {
            final long left = fuel.get();
            stats.addFuel(fuelBudget - Math.max(0, Math.min(fuelBudget, left)));
        } catch (final RuntimeException ignored) {
            stats.addFuel(fuelBudget);
        }
    }

    /** Throws the instance away after a failure; the next {@link #ensureLive()} makes a new one. */
    void discard() {
        final WasmInstance dead = instance;
        instance = null;
        fuel = null;
        batchTwin = null;
        for (int s = 0; s < SLOTS; s++) {
            functions[s] = null;
            meteredFunctions[s] = null;
        }
        if (dead != null) {
            observeMemory(dead);
            try {
                dead.close();
            } catch (final RuntimeException ignored) {
                // a broken instance may fail to close; it is unreachable from here on either way
            }
        }
    }

    /** Calls {@code torvyn_teardown} (when the instance is live and exports it) and closes the instance. */
    void close(final ComponentLog log) {
        if (instance == null) {
            return;
        }
        final WasmFunction teardown = instance.function(ModuleContract.TEARDOWN);
        if (teardown != null) {
            host.begin(-1, System.nanoTime(), System.nanoTime());
            try {
                final MeteredFunction metered = meteredTwin(teardown);
                if (metered != null) {
                    metered.callVoid();
                    stats.addFuel(metered.fuelUsed());
                } else {
                    armFuel();
                    teardown.callVoid();
                    chargeFuel();
                }
                host.finish(null);
            } catch (final TorvynException e) {
                host.abort();
                log.line(4, "torvyn_teardown failed: " + e.code().name() + " " + e.getMessage());
            }
        }
        discard();
    }
}
