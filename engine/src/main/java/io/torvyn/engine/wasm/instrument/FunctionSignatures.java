package io.torvyn.engine.wasm.instrument;

/**
 * The function types of a module and the type of every function in its index space, read from the type, import and
 * function sections. The fuel rewriter needs parameter counts because the local it adds to each function is indexed
 * after that function's parameters and declared locals; the metered wrappers need whole types to declare theirs.
 * Value types are kept as their one-byte encodings (the decoder refuses the multi-byte GC reference types).
 */
final class FunctionSignatures {
    private static final int FUNC_TYPE = 0x60;
    private static final byte[] NONE = new byte[0];

    private final byte[][] typeParams;
    private final byte[][] typeResults;
    private final int[] functionTypes;
    private final int importedFunctions;

    private FunctionSignatures(final byte[][] typeParams, final byte[][] typeResults, final int[] functionTypes,
                               final int importedFunctions) {
        this.typeParams = typeParams;
        this.typeResults = typeResults;
        this.functionTypes = functionTypes;
        this.importedFunctions = importedFunctions;
    }

    static FunctionSignatures read(final byte[] source, final ModuleLayout layout) {
        final ModuleLayout.Section types = layout.section(ModuleLayout.TYPE);
        final int typeCount;
        final byte[][] params;
        final byte[][] results;
        if (types == null) {
            typeCount = 0;
            params = new byte[0][];
            results = new byte[0][];
        } else {
            final WasmReader in = new WasmReader(source, types.start(), types.end());
            typeCount = in.index();
            params = new byte[typeCount][];
            results = new byte[typeCount][];
            for (int i = 0; i < typeCount; i++) {
                final int formOffset = in.position();
                final int form = in.u8();
                if (form != FUNC_TYPE) {
                    throw new UnsupportedInstructionException(String.format("type form 0x%02x (GC types)", form),
                        formOffset);
                }
                params[i] = valueTypes(in);
                results[i] = valueTypes(in);
            }
        }
        final int[] defined = definedFunctionTypes(source, layout.section(ModuleLayout.FUNCTION), typeCount);
        final int imported = layout.importedFunctionTypes.size();
        final int[] functionTypes = new int[imported + defined.length];
        for (int i = 0; i < imported; i++) {
            functionTypes[i] = layout.importedFunctionTypes.get(i);
        }
        System.arraycopy(defined, 0, functionTypes, imported, defined.length);
        return new FunctionSignatures(params, results, functionTypes, imported);
    }

    /** Parameter count of each defined function, in function-section order; empty when there is no such section. */
    int[] parameterCounts() {
        final int[] counts = new int[functionTypes.length - importedFunctions];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = typeParams[functionTypes[importedFunctions + i]].length;
        }
        return counts;
    }

    int typeCount() {
        return typeParams.length;
    }

    /** Number of functions in the index space (imported and defined). */
    int functionCount() {
        return functionTypes.length;
    }

    /** Encoded parameter types of function {@code function} (index space), one byte each. */
    byte[] params(final int function) {
        return typeParams[typeOf(function)];
    }

    /** Encoded result types of function {@code function} (index space), one byte each. */
    byte[] results(final int function) {
        return typeResults[typeOf(function)];
    }

    /** Checked: an export or import may name what does not exist, which only the final validation would catch. */
    private int typeOf(final int function) {
        if (function < 0 || function >= functionTypes.length || functionTypes[function] >= typeParams.length) {
            throw new MalformedWasmException("an export refers to function " + function + ", which does not exist "
                + "or has an unknown type", 0);
        }
        return functionTypes[function];
    }

    private static byte[] valueTypes(final WasmReader in) {
        final int count = in.index();
        if (count == 0) {
            return NONE;
        }
        final byte[] types = new byte[count];
        for (int i = 0; i < count; i++) {
            final int start = in.position();
            InstructionDecoder.valueType(in);
            types[i] = in.source()[start];
        }
        return types;
    }

    private static int[] definedFunctionTypes(final byte[] source, final ModuleLayout.Section functions,
                                              final int typeCount) {
        if (functions == null) {
            return new int[0];
        }
        final WasmReader in = new WasmReader(source, functions.start(), functions.end());
        final int[] types = new int[in.index()];
        for (int i = 0; i < types.length; i++) {
            final int typeOffset = in.position();
            types[i] = in.index();
            if (types[i] >= typeCount) {
                throw new MalformedWasmException("function " + i + " refers to unknown type " + types[i], typeOffset);
            }
        }
        return types;
    }
}
