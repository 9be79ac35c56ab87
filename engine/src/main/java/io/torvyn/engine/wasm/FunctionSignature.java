package io.torvyn.engine.wasm;

import java.util.List;

/**
 * A Wasm function type. Exists so imports, exports and the host table can be compared and printed the same way on
 * both engines ({@code (i32, i64) -> i32}).
 *
 * @param params  parameter types in order
 * @param results result types in order (empty for none)
 */
public record FunctionSignature(List<ValueType> params, List<ValueType> results) {

    public FunctionSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** A signature with the given parameters and no result. */
    public static FunctionSignature consumer(final ValueType... params) {
        return new FunctionSignature(List.of(params), List.of());
    }

    /** A signature with the given parameters and one result. */
    public static FunctionSignature function(final ValueType result, final ValueType... params) {
        return new FunctionSignature(List.of(params), List.of(result));
    }

    @Override
    public String toString() {
        return render(params) + " -> " + render(results);
    }

    private static String render(final List<ValueType> types) {
        final StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(types.get(i).text());
        }
        return sb.append(')').toString();
    }
}
