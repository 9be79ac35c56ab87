package io.torvyn.engine.wasm;

/**
 * One import of a module, for {@code torvyn check}/{@code inspect} and for linking.
 *
 * @param module    import module name, e.g. {@code "torvyn"}
 * @param name      field name, e.g. {@code "buffer_read"}
 * @param kind      what is imported
 * @param signature the function type for {@link ExternKind#FUNCTION}, otherwise null
 */
public record ImportInfo(String module, String name, ExternKind kind, FunctionSignature signature) {

    /** {@code "torvyn"."buffer_read"} — how messages name it. */
    public String qualifiedName() {
        return '"' + module + "\".\"" + name + '"';
    }
}
