package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.types.Value;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.internal.CallShape;

/**
 * A Chicory export with typed entry points. The one-argument array is reused across calls (Chicory copies
 * arguments into the callee before running it), so a typed call allocates only Chicory's result array.
 */
final class ChicoryFunction implements WasmFunction {

    private final ChicoryInstance owner;
    private final String name;
    private final FunctionSignature signature;
    private final CallShape shape;
    private final ExportFunction export;
    private final long[] oneArg = new long[1];

    ChicoryFunction(final ChicoryInstance owner, final String name, final FunctionSignature signature,
                    final ExportFunction export) {
        this.owner = owner;
        this.name = name;
        this.signature = signature;
        this.shape = CallShape.of(signature);
        this.export = export;
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
        return (int) owner.invoke(name, export, Value.EMPTY_VALUES)[0];
    }

    @Override
    public int callI32(final int arg) {
        if (shape != CallShape.I32_TO_I32) {
            CallShape.I32_TO_I32.require(shape, owner.where(), name, signature);
        }
        final long[] args = oneArg;
        args[0] = arg;
        return (int) owner.invoke(name, export, args)[0];
    }

    @Override
    public void callVoid() {
        if (shape != CallShape.NO_ARG_VOID) {
            CallShape.NO_ARG_VOID.require(shape, owner.where(), name, signature);
        }
        owner.invoke(name, export, Value.EMPTY_VALUES);
    }

    @Override
    public long[] call(final long... args) {
        if (args.length != signature.params().size()) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(owner.where(), "export \"" + name + "\"",
                signature, args.length + " argument(s)"));
        }
        final long[] result = owner.invoke(name, export, args.clone());
        return result == null ? new long[0] : result.clone();
    }
}
