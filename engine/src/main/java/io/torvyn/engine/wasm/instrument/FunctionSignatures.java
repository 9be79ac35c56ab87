package io.torvyn.engine.wasm.instrument;

/**
 * Parameter counts of the defined functions, read from the type and function sections. The fuel rewriter needs them
 * because the local it adds to each function is indexed after that function's parameters and declared locals.
 */
final class FunctionSignatures {
    private static final int FUNC_TYPE = 0x60;

    private FunctionSignatures() {
    }

    /** Parameter count of each defined function, in function-section order; empty when there is no such section. */
    static int[] parameterCounts(final byte[] source, final ModuleLayout layout) {
        final int[] typeParameters = typeParameterCounts(source, layout.section(ModuleLayout.TYPE));
        final ModuleLayout.Section functions = layout.section(ModuleLayout.FUNCTION);
        if (functions == null) {
            return new int[0];
        }
        final WasmReader in = new WasmReader(source, functions.start(), functions.end());
        final int[] counts = new int[in.index()];
        for (int i = 0; i < counts.length; i++) {
            final int typeOffset = in.position();
            final int type = in.index();
            if (type >= typeParameters.length) {
                throw new MalformedWasmException("function " + i + " refers to unknown type " + type, typeOffset);
            }
            counts[i] = typeParameters[type];
        }
        return counts;
    }

    private static int[] typeParameterCounts(final byte[] source, final ModuleLayout.Section types) {
        if (types == null) {
            return new int[0];
        }
        final WasmReader in = new WasmReader(source, types.start(), types.end());
        final int[] counts = new int[in.index()];
        for (int i = 0; i < counts.length; i++) {
            final int formOffset = in.position();
            final int form = in.u8();
            if (form != FUNC_TYPE) {
                throw new UnsupportedInstructionException(String.format("type form 0x%02x (GC types)", form),
                    formOffset);
            }
            counts[i] = in.index();
            for (int p = 0; p < counts[i]; p++) {
                InstructionDecoder.valueType(in);
            }
            final int results = in.index();
            for (int r = 0; r < results; r++) {
                InstructionDecoder.valueType(in);
            }
        }
        return counts;
    }
}
