package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.internal.CallShape;

/**
 * A metered twin on Chicory. Reading and writing a global is cheap here, but calling the same wrapper as Wasmtime
 * keeps one ABI and identical fuel behaviour on both engines. The memory-pages result is not needed: the memory view
 * reads Chicory's page count directly. Argument arrays are reused; Chicory allocates the result array.
 */
final class ChicoryMeteredFunction implements MeteredFunction {

    private final ChicoryInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final ExportFunction wrapper;
    private final long[] budgetOnly = new long[1];
    private final long[] budgetAndArg = new long[2];
    private long fuelLeft;

    ChicoryMeteredFunction(final ChicoryInstance owner, final String name, final FunctionSignature signature,
                           final ExportFunction wrapper) {
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
    public int callI32(final long budget) {
        if (shape != CallShape.NO_ARG_I32) {
            CallShape.NO_ARG_I32.require(shape, owner.where(), name, signature);
        }
        final long[] args = budgetOnly;
        args[0] = budget;
        final long[] results = owner.invoke(name, wrapper, args);
        fuelLeft = results[1];
        return (int) results[0];
    }

    @Override
    public int callI32(final long budget, final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final long[] args = budgetAndArg;
        args[0] = budget;
        args[1] = arg;
        final long[] results = owner.invoke(name, wrapper, args);
        fuelLeft = results[1];
        return (int) results[0];
    }

    @Override
    public void callVoid(final long budget) {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        final long[] args = budgetOnly;
        args[0] = budget;
        fuelLeft = owner.invoke(name, wrapper, args)[0];
    }

    @Override
    public long fuelLeft() {
        return fuelLeft;
    }
}
