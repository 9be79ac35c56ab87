package io.torvyn.engine.wasm.internal;

import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasmFailures;

import java.util.List;

/**
 * The few export signatures the ABI calls through typed entry points. A function computes its shape once, so each
 * typed call checks its signature with a single comparison instead of walking type lists.
 */
public enum CallShape {
    NO_ARG_I32, I32_TO_I32, NO_ARG_VOID, OTHER;

    public static CallShape of(final FunctionSignature signature) {
        final List<ValueType> params = signature.params();
        final List<ValueType> results = signature.results();
        if (params.isEmpty() && results.isEmpty()) {
            return NO_ARG_VOID;
        }
        if (results.size() != 1 || results.get(0) != ValueType.I32) {
            return OTHER;
        }
        if (params.isEmpty()) {
            return NO_ARG_I32;
        }
        return params.size() == 1 && params.get(0) == ValueType.I32 ? I32_TO_I32 : OTHER;
    }

    /** Raises E0103 when an export of shape {@code actual} is called through the entry point for {@code this}. */
    public void require(final CallShape actual, final String where, final String export,
                        final FunctionSignature signature) {
        if (actual != this) {
            throw WasmFailures.raise(WasmFailures.signatureMismatch(where, "export \"" + export + "\"",
                describe(), signature));
        }
    }

    private String describe() {
        return switch (this) {
            case NO_ARG_I32 -> "() -> (i32)";
            case I32_TO_I32 -> "(i32) -> (i32)";
            case NO_ARG_VOID -> "() -> ()";
            case OTHER -> "another type";
        };
    }
}
