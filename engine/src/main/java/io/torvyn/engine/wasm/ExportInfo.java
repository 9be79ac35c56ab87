package io.torvyn.engine.wasm;

/**
 * One export of a module, for role detection, signature checks and {@code inspect}.
 *
 * @param name          export name
 * @param kind          what is exported
 * @param signature     the function type for {@link ExternKind#FUNCTION}, otherwise null
 * @param globalType    the value type for {@link ExternKind#GLOBAL}, otherwise null
 * @param globalMutable whether an exported global is mutable (false for other kinds)
 */
public record ExportInfo(String name, ExternKind kind, FunctionSignature signature, ValueType globalType,
                         boolean globalMutable) {
}
