package io.torvyn.engine.wasm.internal;

import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the metered wrapper of an export and checks it has the instrumenter's type, so both engines accept exactly
 * the same wrappers: {@code (i64, P...) -> (R?, i64, i32)} for an original {@code (P...) -> (R?)}.
 */
public final class MeteredExports {

    private MeteredExports() {
    }

    /**
     * The wrapper export of {@code original}, or null when the module has none (not metered, or more than one result).
     *
     * @throws io.torvyn.engine.error.TorvynException E0103 when the wrapper exists with another type
     */
    public static ExportInfo wrapperOf(final ModuleDescriptor module, final ExportInfo original, final String where) {
        final String name = ModuleInstrumenter.meteredExport(original.name());
        final ExportInfo wrapper = module.functionExport(name);
        if (wrapper == null) {
            return null;
        }
        final FunctionSignature expected = wrapperSignature(original.signature());
        if (!expected.equals(wrapper.signature())) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "export \"" + name + "\"", expected,
                wrapper.signature()));
        }
        return wrapper;
    }

    /** The type of the wrapper of a function of type {@code original}. */
    public static FunctionSignature wrapperSignature(final FunctionSignature original) {
        final List<ValueType> params = new ArrayList<>(original.params().size() + 1);
        params.add(ValueType.I64);
        params.addAll(original.params());
        final List<ValueType> results = new ArrayList<>(original.results());
        results.add(ValueType.I64);
        results.add(ValueType.I32);
        return new FunctionSignature(params, results);
    }
}
