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
 * Finds the metered wrapper of an export and checks it has one of the types the instrumenter gives wrappers, so both
 * engines accept exactly the same wrappers and read their results the same way: for an original {@code (P...) -> (R?)}
 * the wrapper takes {@code (P...)} and returns {@code (i64)} (packed: an {@code i32} result in the low half, fuel
 * used in the high half; or fuel used alone when there is no result) or {@code (R, i64)}. The argument-free twin of a
 * batch export {@code (i32) -> (i32)} has the same results without the parameter.
 */
public final class MeteredExports {

    /** What an argument-free batch wrapper stands for: the batch export without its count parameter. */
    public static final FunctionSignature BATCH_TWIN = FunctionSignature.function(ValueType.I32);

    private static final List<ValueType> FUEL_ONLY = List.of(ValueType.I64);
    private static final FunctionSignature BATCH_EXPORT = FunctionSignature.function(ValueType.I32, ValueType.I32);

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
        final FunctionSignature found = wrapper.signature();
        final FunctionSignature unpacked = unpackedSignature(original.signature());
        final boolean fits = found.equals(unpacked)
            || (isPackable(original.signature()) && found.equals(packedSignature(original.signature())));
        if (!fits) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "export \"" + name + "\"", unpacked,
                found));
        }
        return wrapper;
    }

    /**
     * The argument-free wrapper of the batch export {@code original} (its count read from the batch area header), or
     * null when the module has none (not metered, no batch area, or {@code original} is not {@code (i32) -> (i32)}).
     *
     * @throws io.torvyn.engine.error.TorvynException E0103 when the wrapper exists with another type
     */
    public static ExportInfo batchWrapperOf(final ModuleDescriptor module, final ExportInfo original,
                                            final String where) {
        if (!original.signature().equals(BATCH_EXPORT)) {
            return null;
        }
        final String name = ModuleInstrumenter.meteredBatchExport(original.name());
        final ExportInfo wrapper = module.functionExport(name);
        if (wrapper == null) {
            return null;
        }
        final FunctionSignature found = wrapper.signature();
        final FunctionSignature unpacked = unpackedSignature(BATCH_TWIN);
        if (!found.equals(unpacked) && !found.equals(packedSignature(BATCH_TWIN))) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "export \"" + name + "\"", unpacked,
                found));
        }
        return wrapper;
    }

    /** True when {@code wrapper} (a checked wrapper of {@code original}) returns an {@code i32} result packed. */
    public static boolean packs(final FunctionSignature original, final FunctionSignature wrapper) {
        return isPackable(original) && wrapper.results().equals(FUEL_ONLY);
    }

    /** The packed type of a wrapper of an {@code (P...) -> (i32)} function: {@code (P...) -> (i64)}. */
    public static FunctionSignature packedSignature(final FunctionSignature original) {
        return new FunctionSignature(original.params(), FUEL_ONLY);
    }

    /** The type of the wrapper of {@code original} when nothing is packed: {@code (P...) -> (R?, i64)}. */
    public static FunctionSignature unpackedSignature(final FunctionSignature original) {
        final List<ValueType> results = new ArrayList<>(original.results());
        results.add(ValueType.I64);
        return new FunctionSignature(original.params(), results);
    }

    private static boolean isPackable(final FunctionSignature original) {
        return original.results().size() == 1 && original.results().get(0) == ValueType.I32;
    }
}
