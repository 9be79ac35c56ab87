package io.torvyn.engine.wasm.instrument;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.MemoryType;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a module on wasmtime-java. The binding cannot read globals from an {@code Instance}, so the module is
 * instantiated through a {@link Linker} under the name "guest" and its exports are looked up there.
 */
final class WasmtimeRunner implements GuestRunner {
    private static final String GUEST = "guest";
    private static final String ENV_GLOBALS = "(module (global (export \"base\") i32 (i32.const "
        + HostEnvironment.BASE + ")) (global (export \"counter\") (mut i32) (i32.const 0)))";

    private final Engine engine = new Engine();
    private final Store<Void> store = new Store<>(null, engine);
    private final Linker linker = new Linker(engine);
    private final List<Module> modules = new ArrayList<>();
    private final List<Func> hostFunctions = new ArrayList<>();

    private WasmtimeRunner() {
    }

    static GuestRunner load(final byte[] wasm, final HostEnvironment env) {
        final WasmtimeRunner runner = new WasmtimeRunner();
        try {
            runner.defineEnvironment(env);
            final Module module = new Module(runner.engine, wasm);
            runner.modules.add(module);
            runner.linker.module(runner.store, GUEST, module);
            return runner;
        } catch (final WasmtimeException | WasmFunctionError e) {
            runner.close();
            throw new GuestTrap(e);
        }
    }

    private void defineEnvironment(final HostEnvironment env) {
        if (env.importsFixture()) {
            final Module globals = new Module(engine, ENV_GLOBALS.getBytes(StandardCharsets.UTF_8));
            modules.add(globals);
            linker.module(store, "env", globals);
            define("add", new Val.Type[] {Val.Type.I32, Val.Type.I32},
                (caller, params, results) -> results[0] = Val.fromI32(params[0].i32() + params[1].i32()));
            define("twice", new Val.Type[] {Val.Type.I32},
                (caller, params, results) -> results[0] = Val.fromI32(2 * params[0].i32()));
        }
        if (env.memoryMaximumPages() >= 0) {
            final Memory memory = new Memory(store, new MemoryType(1, env.memoryMaximumPages(), false));
            linker.define(store, "env", "memory", Extern.fromMemory(memory));
        }
    }

    private void define(final String name, final Val.Type[] params, final Func.Handler<Void> handler) {
        final Func func = new Func(store, new FuncType(params, new Val.Type[] {Val.Type.I32}), handler);
        hostFunctions.add(func);
        linker.define(store, "env", name, Extern.fromFunc(func));
    }

    @Override
    public long call(final String export, final Object... args) {
        final Val result = invoke(export, args)[0];
        return result.getType() == Val.Type.I32 ? result.i32() : result.i64();
    }

    @Override
    public long[] results(final String export, final Object... args) {
        final Val[] vals = invoke(export, args);
        final long[] results = new long[vals.length];
        for (int i = 0; i < vals.length; i++) {
            results[i] = switch (vals[i].getType()) {
                case I32 -> vals[i].i32();
                case I64 -> vals[i].i64();
                case F32 -> Float.floatToRawIntBits(vals[i].f32());
                case F64 -> Double.doubleToRawLongBits(vals[i].f64());
                default -> throw new IllegalStateException("unexpected result type " + vals[i].getType());
            };
        }
        return results;
    }

    @Override
    public void run(final String export, final Object... args) {
        invoke(export, args);
    }

    private Val[] invoke(final String export, final Object... args) {
        final Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            final Object arg = args[i];
            if (arg instanceof Integer) {
                vals[i] = Val.fromI32((Integer) arg);
            } else if (arg instanceof Long) {
                vals[i] = Val.fromI64((Long) arg);
            } else {
                vals[i] = Val.fromF64((Double) arg);
            }
        }
        final Func func = linker.get(store, GUEST, export).orElseThrow().func();
        try {
            return func.call(store, vals);
        } catch (final WasmtimeException | WasmFunctionError e) {
            throw new GuestTrap(e);
        } finally {
            func.dispose();
        }
    }

    private Global fuelGlobal() {
        return linker.get(store, GUEST, ModuleInstrumenter.FUEL_GLOBAL_EXPORT).orElseThrow().global();
    }

    @Override
    public long fuel() {
        final Global global = fuelGlobal();
        try {
            return global.get(store).i64();
        } finally {
            global.dispose();
        }
    }

    @Override
    public void fuel(final long value) {
        final Global global = fuelGlobal();
        try {
            global.set(store, Val.fromI64(value));
        } finally {
            global.dispose();
        }
    }

    @Override
    public void close() {
        hostFunctions.forEach(Func::dispose);
        modules.forEach(Module::dispose);
        linker.dispose();
        store.dispose();
        engine.dispose();
    }
}
