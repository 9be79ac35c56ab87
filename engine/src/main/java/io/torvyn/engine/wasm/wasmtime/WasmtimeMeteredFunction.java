package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.internal.CallShape;

/**
 * A metered twin on Wasmtime: one {@code Func.call} of the wrapper export, whose extra results (fuel left, memory
 * pages) replace the global and memory-size crossings. The budget's {@code Val} is immutable and kept while the budget
 * stays the same, so the budget adds no allocation; the binding still boxes the other argument and the results.
 */
final class WasmtimeMeteredFunction implements MeteredFunction {

    private final WasmtimeInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final Func wrapper;
    private final Val[] budgetOnly = new Val[1];
    private final Val[] budgetAndArg = new Val[2];
    private long budget = Long.MIN_VALUE;
    private Val budgetVal;
    private long fuelLeft;

    WasmtimeMeteredFunction(final WasmtimeInstance owner, final String name, final FunctionSignature signature,
                            final Func wrapper) {
        this.owner = owner;
        this.name = name;
        this.signature = signature;
        this.shape = CallShape.of(signature);
        this.wrapper = wrapper;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FunctionSignature signature() {
        return signature;
    }

    @Override
    public int callI32(final long fuel) {
        if (shape != CallShape.NO_ARG_I32) {
            CallShape.NO_ARG_I32.require(shape, owner.where(), name, signature);
        }
        final Val[] args = budgetOnly;
        args[0] = budget(fuel);
        final Val[] results = owner.invokeMetered(name, wrapper, args);
        fuelLeft = results[1].i64();
        return results[0].i32();
    }

    @Override
    public int callI32(final long fuel, final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final Val[] args = budgetAndArg;
        args[0] = budget(fuel);
        args[1] = Val.fromI32(arg);
        final Val[] results = owner.invokeMetered(name, wrapper, args);
        fuelLeft = results[1].i64();
        return results[0].i32();
    }

    @Override
    public void callVoid(final long fuel) {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        final Val[] args = budgetOnly;
        args[0] = budget(fuel);
        fuelLeft = owner.invokeMetered(name, wrapper, args)[0].i64();
    }

    @Override
    public long fuelLeft() {
        return fuelLeft;
    }

    private Val budget(final long fuel) {
        if (fuel != budget || budgetVal == null) {
            budgetVal = Val.fromI64(fuel);
            budget = fuel;
        }
        return budgetVal;
    }
}
