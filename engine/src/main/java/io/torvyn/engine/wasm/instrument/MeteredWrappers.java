package io.torvyn.engine.wasm.instrument;

import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleRoles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * with the fuel in one {@code i64}.
 * <p>
 * A batch module (one memory, {@code torvyn_batch_area : (i32) -> i32} and a batch role export of that type) also
 * gets one more mutable {@code i32} global, {@code $area}, not exported, and its batch role exports get a second,
 * argument-free wrapper ({@link ModuleInstrumenter#meteredBatchExport(String)}), because the count the argument
 * carries is already in the batch area header. The wrapper of {@code torvyn_batch_area} remembers the area:
 * <pre>
 *   (func $area_twin (param i32) (result ...)   ;; as above, with after the call
 *     local.tee $r  i32.const 0  i32.gt_s  (if (then local.get $r  global.set $area))  local.get $r ...)
 *   (func $batch_twin (result ...)               ;; the type of $f's twin without its parameter
 *     i64.const B  global.set $fuel
 *     global.get $area  i32.eqz  (if (then unreachable))      ;; no area yet: the host broke the protocol
 *     global.get $area  i32.load offset=0                    ;; the header's count (BATCH_COUNT_OFFSET)
 *     call $f ...)
 * </pre>
 * Wrappers are appended after every original function, batch wrappers after the others, so no index in the original
 * code moves and a module without a batch area gets exactly the wrappers it would without this feature. They never
 * go through {@link FuelInjector}: they charge nothing, and the fuel a wrapper reports is exactly what setting the
 * global, calling and reading it back gives. Their types are appended to the type section (deduplicated).
 */
final class MeteredWrappers {
    /** Largest budget whose fuel used fits the high half of a packed result. */
    static final long MAX_PACKED_BUDGET = Integer.MAX_VALUE;

    private static final int FUNC_TYPE = 0x60;
    private static final int VALUE_TYPE_I32 = 0x7F;
    private static final int VALUE_TYPE_I64 = 0x7E;
    private static final int UNREACHABLE = 0x00;
    private static final int IF = 0x04;
    private static final int BLOCK_TYPE_EMPTY = 0x40;
    private static final int LOCAL_GET = 0x20;
    private static final int LOCAL_TEE = 0x22;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int CALL = 0x10;
    private static final int I32_LOAD = 0x28;
    private static final int I32_LOAD_ALIGN = 2;
    private static final int I32_CONST = 0x41;
    private static final int I64_CONST = 0x42;
    private static final int I32_EQZ = 0x45;
    private static final int I32_GT_S = 0x4A;
    private static final int I64_EXTEND_I32_U = 0xAD;
    private static final int I64_SUB = 0x7D;
    private static final int I64_SHL = 0x86;
    private static final int I64_OR = 0x84;
    private static final int END = 0x0B;
    private static final int EXPORT_KIND_FUNCTION = 0x00;
    private static final int MUTABLE = 0x01;
    private static final byte[] NO_TYPES = new byte[0];

    /** What a wrapper does besides metering. */
    private enum Kind {
        /** Passes its parameters on. */
        PLAIN,
        /** The twin of {@code torvyn_batch_area}: also remembers a positive result in {@code $area}. */
        RECORDS_AREA,
        /** A batch twin: takes no parameter and passes the count read from the batch area header. */
        COUNT_FROM_AREA
    }

    /** A wrapper function: the function it calls, its parameter count, its type index, whether it packs, its kind. */
    private record Wrapper(int original, int params, int type, boolean packed, Kind kind) {
    }

    /** A wrapper export: the reserved name and the index of the wrapper function (in the whole index space). */
    private record Export(String name, int function) {
    }

    private final FunctionSignatures signatures;
    private final int fuelGlobal;
    private final long budget;
    private final List<byte[]> newTypes = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<Wrapper> wrappers = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int areaGlobal = -1;

    private MeteredWrappers(final FunctionSignatures signatures, final int fuelGlobal, final long budget) {
        this.signatures = signatures;
        this.fuelGlobal = fuelGlobal;
        this.budget = budget;
    }

    /**
     * @param fuelGlobal index of the injected fuel global; the area global, when there is one, comes right after it
     * @param budget     fuel each wrapper call starts with
     * @return the wrappers of every exported function with at most one result, in export order, then the batch
     *         twins
     */
    static MeteredWrappers plan(final ModuleLayout layout, final FunctionSignatures signatures,
                                final int fuelGlobal, final long budget) {
        final MeteredWrappers plan = new MeteredWrappers(signatures, fuelGlobal, budget);
        final int areaFunction = batchAreaFunction(layout, signatures);
        final List<ModuleLayout.FunctionExport> batchExports = areaFunction < 0 ? List.of()
            : batchExports(layout, signatures);
        if (!batchExports.isEmpty()) {
            plan.areaGlobal = fuelGlobal + 1;
        }
        final Map<Integer, Integer> wrapperOf = new HashMap<>();
        for (final ModuleLayout.FunctionExport export : layout.functionExports) {
            if (signatures.results(export.function()).length > 1) {
                continue;
            }
            final Kind kind = plan.areaGlobal >= 0 && export.function() == areaFunction ? Kind.RECORDS_AREA
                : Kind.PLAIN;
            final int wrapper = wrapperOf.computeIfAbsent(export.function(), f -> plan.add(f, kind));
            plan.exports.add(new Export(ModuleInstrumenter.meteredExport(export.name()), wrapper));
        }
        final Map<Integer, Integer> batchWrapperOf = new HashMap<>();
        for (final ModuleLayout.FunctionExport export : batchExports) {
            final int wrapper = batchWrapperOf.computeIfAbsent(export.function(),
                f -> plan.add(f, Kind.COUNT_FROM_AREA));
            plan.exports.add(new Export(ModuleInstrumenter.meteredBatchExport(export.name()), wrapper));
        }
        return plan;
    }

    /**
     * The function exported as {@code torvyn_batch_area} when batch twins can read their count through it: it has
     * the contract's type, and the module has exactly one memory (the one the host writes the header into, which
     * {@code i32.load} reaches as memory 0). Otherwise -1.
     */
    private static int batchAreaFunction(final ModuleLayout layout, final FunctionSignatures signatures) {
        if (layout.memories.size() != 1) {
            return -1;
        }
        for (final ModuleLayout.FunctionExport export : layout.functionExports) {
            if (export.name().equals(ModuleContract.BATCH_AREA) && isI32ToI32(signatures, export.function())) {
                return export.function();
            }
        }
        return -1;
    }

    /** The batch role exports ({@code torvyn_process_batch}, …) of type {@code (i32) -> i32}, in export order. */
    private static List<ModuleLayout.FunctionExport> batchExports(final ModuleLayout layout,
                                                                  final FunctionSignatures signatures) {
        final Set<String> names = new HashSet<>();
        for (final ModuleRoles.Role role : ModuleRoles.Role.values()) {
            names.add(role.batchExport());
        }
        final List<ModuleLayout.FunctionExport> found = new ArrayList<>();
        for (final ModuleLayout.FunctionExport export : layout.functionExports) {
            if (names.contains(export.name()) && isI32ToI32(signatures, export.function())) {
                found.add(export);
            }
        }
        return found;
    }

    private static boolean isI32ToI32(final FunctionSignatures signatures, final int function) {
        final byte[] params = signatures.params(function);
        final byte[] results = signatures.results(function);
        return params.length == 1 && params[0] == (byte) VALUE_TYPE_I32
            && results.length == 1 && results[0] == (byte) VALUE_TYPE_I32;
    }

    /** Adds the wrapper of {@code original} and returns its function index. */
    private int add(final int original, final Kind kind) {
        final byte[] results = signatures.results(original);
        final byte[] params = kind == Kind.COUNT_FROM_AREA ? NO_TYPES : signatures.params(original);
        final boolean packed = results.length == 1 && results[0] == (byte) VALUE_TYPE_I32
            && budget <= MAX_PACKED_BUDGET;
        final byte[] type = wrapperType(params, packed ? NO_TYPES : results);
        final Integer index = typeIndex.computeIfAbsent(new String(type, StandardCharsets.ISO_8859_1), key -> {
            newTypes.add(type);
            return signatures.typeCount() + newTypes.size() - 1;
        });
        wrappers.add(new Wrapper(original, params.length, index, packed, kind));
        return signatures.functionCount() + wrappers.size() - 1;
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

    /** Index of the global the batch area address is kept in, or -1 when the module gets no batch twins. */
    int areaGlobal() {
        return areaGlobal;
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

    /** The area global's entry of the global section: a mutable i32 starting at 0 (no area yet). */
    static void writeAreaGlobal(final WasmOutput out) {
        out.u8(VALUE_TYPE_I32).u8(MUTABLE).u8(I32_CONST).s64(0).u8(END);
    }

    /** The wrappers' entries of the code section, each a sized body. */
    void writeBodies(final WasmOutput out) {
        final WasmOutput body = new WasmOutput(48);
        for (final Wrapper wrapper : wrappers) {
            body.reset();
            final int result = wrapper.params();
            if (wrapper.kind() == Kind.RECORDS_AREA) {
                body.u32(1).u32(1).u8(VALUE_TYPE_I32);
            } else {
                body.u32(0);
            }
            body.u8(I64_CONST).s64(budget).u8(GLOBAL_SET).u32(fuelGlobal);
            if (wrapper.kind() == Kind.COUNT_FROM_AREA) {
                body.u8(GLOBAL_GET).u32(areaGlobal).u8(I32_EQZ).u8(IF).u8(BLOCK_TYPE_EMPTY).u8(UNREACHABLE).u8(END);
                body.u8(GLOBAL_GET).u32(areaGlobal)
                    .u8(I32_LOAD).u32(I32_LOAD_ALIGN).u32(ModuleInstrumenter.BATCH_COUNT_OFFSET);
            }
            for (int p = 0; p < wrapper.params(); p++) {
                body.u8(LOCAL_GET).u32(p);
            }
            body.u8(CALL).u32(wrapper.original());
            if (wrapper.kind() == Kind.RECORDS_AREA) {
                body.u8(LOCAL_TEE).u32(result).u8(I32_CONST).s64(0).u8(I32_GT_S);
                body.u8(IF).u8(BLOCK_TYPE_EMPTY).u8(LOCAL_GET).u32(result).u8(GLOBAL_SET).u32(areaGlobal).u8(END);
                body.u8(LOCAL_GET).u32(result);
            }
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
