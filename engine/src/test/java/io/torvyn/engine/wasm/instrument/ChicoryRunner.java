package io.torvyn.engine.wasm.instrument;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/** Runs a module on Chicory, either compiled to JVM bytecode or interpreted. */
final class ChicoryRunner implements GuestRunner {
    private final Instance instance;

    private ChicoryRunner(final Instance instance) {
        this.instance = instance;
    }

    static GuestRunner load(final byte[] wasm, final HostEnvironment env, final boolean compiled) {
        final WasmModule module = Parser.parse(wasm);
        final Instance.Builder builder = Instance.builder(module).withImportValues(imports(env));
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.FAIL).compile());
        }
        try {
            return new ChicoryRunner(builder.build());
        } catch (final ChicoryException e) {
            throw new GuestTrap(e);
        }
    }

    private static ImportValues imports(final HostEnvironment env) {
        final ImportValues.Builder imports = ImportValues.builder();
        if (env.importsFixture()) {
            imports.addFunction(new HostFunction("env", "add",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (instance, args) -> new long[] {(int) args[0] + (int) args[1]}));
            imports.addFunction(new HostFunction("env", "twice",
                FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (instance, args) -> new long[] {2 * (int) args[0]}));
            imports.addGlobal(new ImportGlobal("env", "base", new GlobalInstance(Value.i32(HostEnvironment.BASE))));
            imports.addGlobal(new ImportGlobal("env", "counter",
                new GlobalInstance(Value.i32(0), MutabilityType.Var)));
        }
        if (env.memoryMaximumPages() >= 0) {
            imports.addMemory(new ImportMemory("env", "memory",
                new ByteBufferMemory(new MemoryLimits(1, env.memoryMaximumPages()))));
        }
        return imports.build();
    }

    @Override
    public long call(final String export, final Object... args) {
        final long[] results = invoke(export, args);
        final ValType type = instance.exportType(export).returns().get(0);
        return type.equals(ValType.I32) ? (int) results[0] : results[0];
    }

    @Override
    public long[] results(final String export, final Object... args) {
        final long[] raw = invoke(export, args);
        final List<ValType> types = instance.exportType(export).returns();
        final long[] results = new long[types.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = types.get(i).equals(ValType.I32) ? (int) raw[i] : raw[i];
        }
        return results;
    }

    @Override
    public void run(final String export, final Object... args) {
        invoke(export, args);
    }

    private long[] invoke(final String export, final Object... args) {
        final long[] raw = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            final Object arg = args[i];
            raw[i] = arg instanceof Double ? Double.doubleToRawLongBits((Double) arg) : ((Number) arg).longValue();
        }
        try {
            return instance.export(export).apply(raw);
        } catch (final ChicoryException | StackOverflowError e) {
            throw new GuestTrap(e);
        }
    }

    @Override
    public long fuel() {
        return instance.exports().global(ModuleInstrumenter.FUEL_GLOBAL_EXPORT).getValue();
    }

    @Override
    public void fuel(final long value) {
        instance.exports().global(ModuleInstrumenter.FUEL_GLOBAL_EXPORT).setValue(value);
    }

    @Override
    public void close() {
    }
}
