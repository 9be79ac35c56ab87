package io.torvyn.engine.wasm;

import java.util.List;
import java.util.Optional;

/**
 * Engine-independent metadata of a module: what it imports and exports with their types, its memory limits, its size
 * and content digest. Both engines derive it from the same parse of the binary, which is what lets
 * {@link ModuleContract} and {@code torvyn inspect} give identical answers on either engine.
 */
public final class ModuleDescriptor {

    private final String name;
    private final String digest;
    private final int sizeBytes;
    private final List<ImportInfo> imports;
    private final List<ExportInfo> exports;
    private final LinearMemoryLimits memoryLimits;

    /**
     * @param name         name used in messages (file name or component name)
     * @param digest       SHA-256 of the binary, hex
     * @param sizeBytes    size of the binary
     * @param imports      imports in declaration order
     * @param exports      exports in declaration order
     * @param memoryLimits limits of memory 0 (defined or imported), or null when the module has no memory
     */
    public ModuleDescriptor(final String name, final String digest, final int sizeBytes, final List<ImportInfo> imports,
                            final List<ExportInfo> exports, final LinearMemoryLimits memoryLimits) {
        this.name = name;
        this.digest = digest;
        this.sizeBytes = sizeBytes;
        this.imports = List.copyOf(imports);
        this.exports = List.copyOf(exports);
        this.memoryLimits = memoryLimits;
    }

    /** The same metadata under another name (a cached module compiled again for another node). */
    public ModuleDescriptor withName(final String newName) {
        return newName.equals(name) ? this
            : new ModuleDescriptor(newName, digest, sizeBytes, imports, exports, memoryLimits);
    }

    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public List<ImportInfo> imports() {
        return imports;
    }

    public List<ExportInfo> exports() {
        return exports;
    }

    public Optional<LinearMemoryLimits> memoryLimits() {
        return Optional.ofNullable(memoryLimits);
    }

    /** The export of that name, or null. */
    public ExportInfo export(final String exportName) {
        for (final ExportInfo export : exports) {
            if (export.name().equals(exportName)) {
                return export;
            }
        }
        return null;
    }

    /** The function export of that name, or null if absent or not a function. */
    public ExportInfo functionExport(final String exportName) {
        final ExportInfo export = export(exportName);
        return export != null && export.kind() == ExternKind.FUNCTION ? export : null;
    }
}
