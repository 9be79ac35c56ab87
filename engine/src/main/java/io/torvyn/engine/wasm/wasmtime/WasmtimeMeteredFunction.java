package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.internal.CallShape;

/**
 * A metered twin on Wasmtime: one {@code Func.call} of the wrapper export, whose result carries the fuel used (packed
 * with an {@code i32} result into one {@code i64} where the instrumenter could, because every {@code Val} the binding
 * converts costs microseconds). The binding still boxes the argument and the results.
 */
final class WasmtimeMeteredFunction implements MeteredFunction {

    private static final Val[] NO_ARGS = new Val[0];

    private final WasmtimeInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final boolean packed;
    private final Func wrapper;
    private final Val[] oneArg = new Val[1];
    private long fuelUsed;

    WasmtimeMeteredFunction(final WasmtimeInstance owner, final String name, final FunctionSignature signature,
                            final boolean packed, final Func wrapper) {
        this.owner = owner;
        this.name = name;
        this.signature = signature;
        this.shape = CallShape.of(signature);
        this.packed = packed;
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
    public int callI32() {
        if (shape != CallShape.NO_ARG_I32) {
            CallShape.NO_ARG_I32.require(shape, owner.where(), name, signature);
        }
        return i32Result(owner.invoke(name, wrapper, NO_ARGS));
    }

    @Override
    public int callI32(final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final Val[] args = oneArg;
        args[0] = Val.fromI32(arg);
        return i32Result(owner.invoke(name, wrapper, args));
    }

    @Override
    public void callVoid() {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        fuelUsed = owner.invoke(name, wrapper, NO_ARGS)[0].i64();
    }

    @Override
    public long fuelUsed() {
        return fuelUsed;
    }

    private int i32Result(final Val[] results) {
        if (packed) {
            final long both = results[0].i64();
            fuelUsed = both >> 32;
            return (int) both;
        }
        fuelUsed = results[1].i64();
        return results[0].i32();
    }
}
