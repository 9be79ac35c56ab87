package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.internal.CallShape;

import java.util.List;

/**
 * A Wasmtime export with typed entry points. The argument arrays are reused, but the binding itself boxes each
 * argument and result ({@code Val}) and allocates a result array per call; that is inherent to wasmtime-java 0.19.
 */
final class WasmtimeFunction implements WasmFunction {

    private static final Val[] NO_ARGS = new Val[0];

    private final WasmtimeInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final Func func;
    private final Val[] oneArg = new Val[1];

    WasmtimeFunction(final WasmtimeInstance owner, final String name, final FunctionSignature signature,
                     final Func func) {
        this.owner = owner;
        this.name = name;
        this.signature = signature;
        this.shape = CallShape.of(signature);
        this.func = func;
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
        return owner.invoke(name, func, NO_ARGS)[0].i32();
    }

    @Override
    public int callI32(final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final Val[] args = oneArg;
        args[0] = Val.fromI32(arg);
        return owner.invoke(name, func, args)[0].i32();
    }

    @Override
    public void callVoid() {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        owner.invoke(name, func, NO_ARGS);
    }

    @Override
    public long[] call(final long... args) {
        final List<ValueType> params = signature.params();
        if (args.length != params.size()) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(owner.where(), "export \"" + name + "\"",
                signature, args.length + " argument(s)"));
        }
        final Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = switch (params.get(i)) {
                case I32 -> Val.fromI32((int) args[i]);
                case I64 -> Val.fromI64(args[i]);
                case F32 -> Val.fromF32(Float.intBitsToFloat((int) args[i]));
                case F64 -> Val.fromF64(Double.longBitsToDouble(args[i]));
                default -> throw WasmFailures.raise(WasmFailures.signatureMismatch(owner.where(),
                    "export \"" + name + "\"", "numeric parameters", signature));
            };
        }
        final Val[] results = owner.invoke(name, func, vals);
        final long[] raw = new long[results.length];
        for (int i = 0; i < results.length; i++) {
            raw[i] = switch (results[i].getType()) {
                case I32 -> results[i].i32();
                case I64 -> results[i].i64();
                case F32 -> Float.floatToRawIntBits(results[i].f32()) & 0xFFFF_FFFFL;
                case F64 -> Double.doubleToRawLongBits(results[i].f64());
                default -> 0;
            };
        }
        return raw;
    }
}
