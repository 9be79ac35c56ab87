package io.torvyn.engine.wasm.instrument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncharged wrapper functions a metered module gets, so that the host makes one guest call where it would
 * otherwise set the fuel global, call, and read the global back (on wasmtime-java each of those is a JNI crossing of
 * several microseconds). For every exported function with at most one result there is one wrapper (shared by all
 * exports of the same function), exported once per original name as {@link ModuleInstrumenter#meteredExport(String)}.
 * For an original {@code $f : (P...) -> (R?)} and the budget {@code B} (the fuel the global starts with):
 * <pre>
 *   (func (param P...) (result ...)
 *     i64.const B  global.set $fuel
 *     local.get 0 ... local.get n-1
 *     call $f
 *     ;; used = B - $fuel, then one of
 *     ;;   R = i32 and B &lt; 2^31:  (result i64)      (used &lt;&lt; 32) | zero-extended result    ("packed")
 *     ;;   no R:                 (result i64)      used
 *     ;;   otherwise:            (result R i64)    result, used
 *   )
 * </pre>
 * The shape is what wasmtime-java 0.19 makes cheapest: each argument costs about 5 µs and each result beyond the
 * first about 3.5 µs, so the budget is a constant rather than an argument and the common {@code i32} result travels
 * with the fuel in one {@code i64}. Wrappers are appended after every original function, so no index in the original
 * code moves, and they never go through {@link FuelInjector}: they charge nothing, and the fuel a wrapper reports is
 * exactly what setting the global, calling and reading it back gives. Their types are appended to the type section
 * (deduplicated).
 */
final class MeteredWrappers {
    /** Largest budget whose fuel used fits the high half of a packed result. */
    static final long MAX_PACKED_BUDGET = Integer.MAX_VALUE;

    private static final int FUNC_TYPE = 0x60;
    private static final int VALUE_TYPE_I32 = 0x7F;
    private static final int VALUE_TYPE_I64 = 0x7E;
    private static final int LOCAL_GET = 0x20;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int CALL = 0x10;
    private static final int I64_CONST = 0x42;
    private static final int I64_EXTEND_I32_U = 0xAD;
    private static final int I64_SUB = 0x7D;
    private static final int I64_SHL = 0x86;
    private static final int I64_OR = 0x84;
    private static final int END = 0x0B;
    private static final int EXPORT_KIND_FUNCTION = 0x00;
    private static final byte[] NO_TYPES = new byte[0];

    /** A wrapper function: the function it calls, its parameter count, its type index and whether it packs. */
    private record Wrapper(int original, int params, int type, boolean packed) {
    }

    /** A wrapper export: the reserved name and the index of the wrapper function (in the whole index space). */
    private record Export(String name, int function) {
    }

    private final int fuelGlobal;
    private final long budget;
    private final List<byte[]> newTypes = new ArrayList<>();
    private final List<Wrapper> wrappers = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();

    private MeteredWrappers(final int fuelGlobal, final long budget) {
        this.fuelGlobal = fuelGlobal;
        this.budget = budget;
    }

    /**
     * @param fuelGlobal index of the injected fuel global
     * @param budget     fuel each wrapper call starts with
     * @return the wrappers of every exported function with at most one result, in export order
     */
    static MeteredWrappers plan(final ModuleLayout layout, final FunctionSignatures signatures,
                                final int fuelGlobal, final long budget) {
        final MeteredWrappers plan = new MeteredWrappers(fuelGlobal, budget);
        final Map<String, Integer> typeIndex = new HashMap<>();
        final Map<Integer, Integer> wrapperOf = new HashMap<>();
        for (final ModuleLayout.FunctionExport export : layout.functionExports) {
            final byte[] results = signatures.results(export.function());
            if (results.length > 1) {
                continue;
            }
            Integer wrapper = wrapperOf.get(export.function());
            if (wrapper == null) {
                final byte[] params = signatures.params(export.function());
                final boolean packed = results.length == 1 && results[0] == (byte) VALUE_TYPE_I32
                    && budget <= MAX_PACKED_BUDGET;
                final byte[] type = wrapperType(params, packed ? NO_TYPES : results);
                final String key = new String(type, StandardCharsets.ISO_8859_1);
                Integer index = typeIndex.get(key);
                if (index == null) {
                    index = signatures.typeCount() + plan.newTypes.size();
                    plan.newTypes.add(type);
                    typeIndex.put(key, index);
                }
                wrapper = signatures.functionCount() + plan.wrappers.size();
                plan.wrappers.add(new Wrapper(export.function(), params.length, index, packed));
                wrapperOf.put(export.function(), wrapper);
            }
            plan.exports.add(new Export(ModuleInstrumenter.meteredExport(export.name()), wrapper));
        }
        return plan;
    }

    /** {@code (params) -> (results, i64)} in type-section encoding. */
    private static byte[] wrapperType(final byte[] params, final byte[] results) {
        final WasmOutput type = new WasmOutput(8 + params.length + results.length);
        type.u8(FUNC_TYPE).u32(params.length).bytes(params, 0, params.length);
        type.u32(results.length + 1L).bytes(results, 0, results.length).u8(VALUE_TYPE_I64);
        return type.toByteArray();
    }

    boolean isEmpty() {
        return wrappers.isEmpty();
    }

    int types() {
        return newTypes.size();
    }

    int functions() {
        return wrappers.size();
    }

    int exports() {
        return exports.size();
    }

    void writeTypes(final WasmOutput out) {
        for (final byte[] type : newTypes) {
            out.bytes(type, 0, type.length);
        }
    }

    /** The wrappers' entries of the function section: their type indices. */
    void writeFunctions(final WasmOutput out) {
        for (final Wrapper wrapper : wrappers) {
            out.u32(wrapper.type());
        }
    }

    void writeExports(final WasmOutput out) {
        for (final Export export : exports) {
            out.name(export.name()).u8(EXPORT_KIND_FUNCTION).u32(export.function());
        }
    }

    /** The wrappers' entries of the code section, each a sized body. */
    void writeBodies(final WasmOutput out) {
        final WasmOutput body = new WasmOutput(32);
        for (final Wrapper wrapper : wrappers) {
            body.reset();
            body.u32(0);
            body.u8(I64_CONST).s64(budget).u8(GLOBAL_SET).u32(fuelGlobal);
            for (int p = 0; p < wrapper.params(); p++) {
                body.u8(LOCAL_GET).u32(p);
            }
            body.u8(CALL).u32(wrapper.original());
            if (wrapper.packed()) {
                body.u8(I64_EXTEND_I32_U);
            }
            body.u8(I64_CONST).s64(budget).u8(GLOBAL_GET).u32(fuelGlobal).u8(I64_SUB);
            if (wrapper.packed()) {
                body.u8(I64_CONST).s64(32).u8(I64_SHL).u8(I64_OR);
            }
            body.u8(END);
            out.sizedBlock(body);
        }
    }
}
