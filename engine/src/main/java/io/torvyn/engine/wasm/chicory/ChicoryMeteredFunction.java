package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.types.Value;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.internal.CallShape;

/**
 * A metered twin on Chicory. Reading and writing a global is cheap here, but calling the same wrapper as Wasmtime
 * keeps one ABI and identical fuel behaviour on both engines. The argument array is reused; Chicory allocates the
 * result array.
 */
final class ChicoryMeteredFunction implements MeteredFunction {

    private final ChicoryInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final boolean packed;
    private final ExportFunction wrapper;
    private final long[] oneArg = new long[1];
    private long fuelUsed;

    ChicoryMeteredFunction(final ChicoryInstance owner, final String name, final FunctionSignature signature,
                           final boolean packed, final ExportFunction wrapper) {
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
        return i32Result(owner.invoke(name, wrapper, Value.EMPTY_VALUES));
    }

    @Override
    public int callI32(final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final long[] args = oneArg;
        args[0] = arg;
        return i32Result(owner.invoke(name, wrapper, args));
    }

    @Override
    public void callVoid() {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        fuelUsed = owner.invoke(name, wrapper, Value.EMPTY_VALUES)[0];
    }

    @Override
    public long fuelUsed() {
        return fuelUsed;
    }

    private int i32Result(final long[] results) {
        if (packed) {
            final long both = results[0];
            fuelUsed = both >> 32;
            return (int) both;
        }
        fuelUsed = results[1];
        return (int) results[0];
    }
}
