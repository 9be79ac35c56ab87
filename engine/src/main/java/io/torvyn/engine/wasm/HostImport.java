package io.torvyn.engine.wasm;

import static io.torvyn.engine.wasm.FunctionSignature.consumer;
import static io.torvyn.engine.wasm.FunctionSignature.function;
import static io.torvyn.engine.wasm.ValueType.I32;
import static io.torvyn.engine.wasm.ValueType.I64;

/**
 * The host import table of spec/component-abi.md: every function module {@code "torvyn"} provides, with its exact
 * Wasm signature. Linking, {@code torvyn check} and both engine bindings read this one table, so a new import is
 * added in exactly one place (plus its {@link TorvynHost} method).
 */
public enum HostImport {
    BUFFER_SIZE("buffer_size", function(I64, I32)),
    BUFFER_CONTENT_TYPE("buffer_content_type", function(I32, I32, I32, I32)),
    BUFFER_READ("buffer_read", function(I32, I32, I64, I32, I32)),
    BUFFER_ALLOC("buffer_alloc", function(I32, I64)),
    BUFFER_CLONE("buffer_clone", function(I32, I32)),
    BUFFER_WRITE("buffer_write", function(I32, I32, I64, I32, I32)),
    BUFFER_APPEND("buffer_append", function(I32, I32, I32, I32)),
    BUFFER_SET_CONTENT_TYPE("buffer_set_content_type", function(I32, I32, I32, I32)),
    BUFFER_RELEASE("buffer_release", function(I32, I32)),
    ELEMENT_SEQUENCE("element_sequence", function(I64, I32)),
    ELEMENT_TIMESTAMP_NS("element_timestamp_ns", function(I64, I32)),
    EMIT("emit", function(I32, I32, I32)),
    CONFIG("config", function(I32, I32, I32)),
    DEADLINE_NS("deadline_ns", function(I64)),
    LOG("log", consumer(I32, I32, I32)),
    FAIL("fail", consumer(I32, I32, I32));

    /** The import module name every host import lives in. */
    public static final String MODULE = "torvyn";

    private static final HostImport[] VALUES = values();

    private final String importName;
    private final FunctionSignature signature;

    HostImport(final String importName, final FunctionSignature signature) {
        this.importName = importName;
        this.signature = signature;
    }

    public String importName() {
        return importName;
    }

    public FunctionSignature signature() {
        return signature;
    }

    /** The entry for an import name of module {@code "torvyn"}, or null if the host provides no such function. */
    public static HostImport byName(final String name) {
        for (final HostImport value : VALUES) {
            if (value.importName.equals(name)) {
                return value;
            }
        }
        return null;
    }
}
