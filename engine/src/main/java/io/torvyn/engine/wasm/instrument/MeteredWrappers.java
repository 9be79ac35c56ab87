package io.torvyn.engine.wasm.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncharged wrapper functions a metered module gets, so that the host makes one guest call where it would
 * otherwise set the fuel global, call, read the global back and ask the memory size (on wasmtime-java each of those
 * is a JNI crossing of several microseconds). For every exported function with at most one result there is one
 * wrapper (shared by all exports of the same function), exported once per original name as
 * {@link ModuleInstrumenter#meteredExport(String)}. Its type and body, for an original {@code $f} of type
 * {@code (P...) -> (R?)}:
 * <pre>
 *   (func (param $budget i64) (param P...) (result R? i64 i32)
 *     local.get $budget  global.set $fuel
 *     local.get 1 ... local.get n
 *     call $f
 *     global.get $fuel
 *     memory.size 0)          ;; i32.const -1 when memory 0 is not the 32-bit memory exported as "memory"
 * </pre>
 * Wrappers are appended after every original and injected function, so no index in the original code moves, and they
 * never go through {@link FuelInjector}: they charge nothing, and fuel used through a wrapper is exactly what it is
 * when the host sets and reads the global itself. Their types are appended to the type section (deduplicated).
 */
final class MeteredWrappers {
    private static final int FUNC_TYPE = 0x60;
    private static final int VALUE_TYPE_I32 = 0x7F;
    private static final int VALUE_TYPE_I64 = 0x7E;
    private static final int LOCAL_GET = 0x20;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int CALL = 0x10;
    private static final int MEMORY_SIZE = 0x3F;
    private static final int I32_CONST = 0x41;
    private static final int END = 0x0B;
    private static final int EXPORT_KIND_FUNCTION = 0x00;

    /** A wrapper function: the function it calls, its parameter count (without the budget) and its type index. */
    private record Wrapper(int original, int params, int type) {
    }

    /** A wrapper export: the reserved name and the index of the wrapper function (in the whole index space). */
    private record Export(String name, int function) {
    }

    private final int fuelGlobal;
    private final boolean pagesKnown;
    private final List<byte[]> newTypes = new ArrayList<>();
    private final List<Wrapper> wrappers = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();

    private MeteredWrappers(final int fuelGlobal, final boolean pagesKnown) {
        this.fuelGlobal = fuelGlobal;
        this.pagesKnown = pagesKnown;
    }

    /**
     * @param fuelGlobal index of the injected fuel global
     * @return the wrappers of every exported function with at most one result, in export order
     */
    static MeteredWrappers plan(final ModuleLayout layout, final FunctionSignatures signatures,
                                final int fuelGlobal) {
        final MeteredWrappers plan = new MeteredWrappers(fuelGlobal, memoryZeroIsTheExportedMemory(layout));
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
                final byte[] type = wrapperType(params, results);
                final String key = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
                Integer index = typeIndex.get(key);
                if (index == null) {
                    index = signatures.typeCount() + plan.newTypes.size();
                    plan.newTypes.add(type);
                    typeIndex.put(key, index);
                }
                wrapper = signatures.functionCount() + plan.wrappers.size();
                plan.wrappers.add(new Wrapper(export.function(), params.length, index));
                wrapperOf.put(export.function(), wrapper);
            }
            plan.exports.add(new Export(ModuleInstrumenter.meteredExport(export.name()), wrapper));
        }
        return plan;
    }

    /** Pages are reported only for the memory the host sees (the ABI's "memory" export) and only if it is 32-bit. */
    private static boolean memoryZeroIsTheExportedMemory(final ModuleLayout layout) {
        return layout.exportedMemory == 0 && !layout.memories.isEmpty() && !layout.memories.get(0).limits().is64();
    }

    /** {@code (i64, params) -> (results, i64, i32)} in type-section encoding. */
    private static byte[] wrapperType(final byte[] params, final byte[] results) {
        final WasmOutput type = new WasmOutput(8 + params.length + results.length);
        type.u8(FUNC_TYPE).u32(params.length + 1L).u8(VALUE_TYPE_I64).bytes(params, 0, params.length);
        type.u32(results.length + 2L).bytes(results, 0, results.length).u8(VALUE_TYPE_I64).u8(VALUE_TYPE_I32);
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
            body.u8(LOCAL_GET).u32(0).u8(GLOBAL_SET).u32(fuelGlobal);
            for (int p = 1; p <= wrapper.params(); p++) {
                body.u8(LOCAL_GET).u32(p);
            }
            body.u8(CALL).u32(wrapper.original());
            body.u8(GLOBAL_GET).u32(fuelGlobal);
            if (pagesKnown) {
                body.u8(MEMORY_SIZE).u8(0x00);
            } else {
                body.u8(I32_CONST).s64(-1);
            }
            body.u8(END);
            out.sizedBlock(body);
        }
    }
}
