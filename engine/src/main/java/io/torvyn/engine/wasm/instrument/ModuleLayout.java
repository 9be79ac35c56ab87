package io.torvyn.engine.wasm.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where everything the rewriter cares about sits in a module: the sections, the sizes of the function and global
 * index spaces (imports come first in both), the types of imported functions, every memory declaration and the
 * exports. Scanning decodes only the import, memory, global and export
 * sections; function bodies are left to {@link FuelInjector}.
 */
final class ModuleLayout {
    static final int CUSTOM = 0;
    static final int TYPE = 1;
    static final int IMPORT = 2;
    static final int FUNCTION = 3;
    static final int MEMORY = 5;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int CODE = 10;

    private static final int HEADER_SIZE = 8;
    private static final int[] MAGIC_AND_VERSION = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    /** One section: its id and the bounds of its payload (after the id and size). */
    record Section(int id, int start, int end) {
    }

    /** One memory declaration, imported or defined, with the bounds of its limits in the source. */
    record MemoryDeclaration(boolean imported, int limitsStart, int limitsEnd, MemoryLimits limits) {
    }

    /** One function export: its name and the function index it refers to. */
    record FunctionExport(String name, int function) {
    }

    private static final int EXPORT_KIND_FUNCTION = 0x00;

    final List<Section> sections = new ArrayList<>();
    final List<MemoryDeclaration> memories = new ArrayList<>();
    final Set<String> exportNames = new HashSet<>();
    final List<FunctionExport> functionExports = new ArrayList<>();
    /** Type index of each imported function, in import order. */
    final List<Integer> importedFunctionTypes = new ArrayList<>();
    int importedFunctions;
    int importedGlobals;
    int definedGlobals;

    private ModuleLayout() {
    }

    static int headerSize() {
        return HEADER_SIZE;
    }

    static ModuleLayout scan(final byte[] wasm) {
        final ModuleLayout layout = new ModuleLayout();
        checkHeader(wasm);
        final WasmReader in = new WasmReader(wasm, HEADER_SIZE, wasm.length);
        while (in.hasRemaining()) {
            final int id = in.u8();
            final int size = in.index();
            final int start = in.position();
            in.skip(size);
            final Section section = new Section(id, start, in.position());
            layout.sections.add(section);
            layout.decode(wasm, section);
        }
        return layout;
    }

    /** Rank of a section id in the order the binary format requires; custom sections have none (-1). */
    static int rank(final int id) {
        switch (id) {
            case 1, 2, 3, 4, 5:
                return id;
            case 13:
                return 6;
            case 6, 7, 8, 9:
                return id + 1;
            case 12:
                return 11;
            case 10, 11:
                return id + 2;
            default:
                return -1;
        }
    }

    boolean has(final int id) {
        return section(id) != null;
    }

    /** The first section with this id, or null. */
    Section section(final int id) {
        for (final Section section : sections) {
            if (section.id() == id) {
                return section;
            }
        }
        return null;
    }

    /** Declared maximum of the first memory in pages, or -1 when there is no memory or no maximum. */
    int firstMemoryMaximum() {
        return memories.isEmpty() ? -1 : (int) Math.min(memories.get(0).limits().maximum(), Integer.MAX_VALUE);
    }

    private static void checkHeader(final byte[] wasm) {
        if (wasm.length < HEADER_SIZE) {
            throw new MalformedWasmException("too short to be a Wasm module", 0);
        }
        for (int i = 0; i < 4; i++) {
            if ((wasm[i] & 0xFF) != MAGIC_AND_VERSION[i]) {
                throw new MalformedWasmException("missing the \\0asm magic number", 0);
            }
        }
        for (int i = 4; i < HEADER_SIZE; i++) {
            if ((wasm[i] & 0xFF) != MAGIC_AND_VERSION[i]) {
                throw new MalformedWasmException("not a core module of binary version 1 (a component-model binary?)",
                    4);
            }
        }
    }

    private void decode(final byte[] wasm, final Section section) {
        final WasmReader in = new WasmReader(wasm, section.start(), section.end());
        switch (section.id()) {
            case IMPORT:
                decodeImports(in);
                break;
            case MEMORY:
                final int count = in.index();
                for (int i = 0; i < count; i++) {
                    readMemory(in, false);
                }
                break;
            case GLOBAL:
                definedGlobals = in.index();
                break;
            case EXPORT:
                final int exports = in.index();
                for (int i = 0; i < exports; i++) {
                    final String name = in.name();
                    final int kind = in.u8();
                    final int index = in.index();
                    exportNames.add(name);
                    if (kind == EXPORT_KIND_FUNCTION) {
                        functionExports.add(new FunctionExport(name, index));
                    }
                }
                break;
            default:
                break;
        }
    }

    private void decodeImports(final WasmReader in) {
        final int count = in.index();
        for (int i = 0; i < count; i++) {
            in.name();
            in.name();
            final int kindOffset = in.position();
            final int kind = in.u8();
            switch (kind) {
                case 0x00:
                    importedFunctionTypes.add(in.index());
                    importedFunctions++;
                    break;
                case 0x01:
                    InstructionDecoder.valueType(in);
                    skipTableLimits(in);
                    break;
                case 0x02:
                    readMemory(in, true);
                    break;
                case 0x03:
                    InstructionDecoder.valueType(in);
                    in.u8();
                    importedGlobals++;
                    break;
                case 0x04:
                    in.u8();
                    in.u32();
                    break;
                default:
                    throw new MalformedWasmException(String.format("unknown import kind 0x%02x", kind), kindOffset);
            }
        }
    }

    private void readMemory(final WasmReader in, final boolean imported) {
        final int start = in.position();
        final MemoryLimits limits = MemoryLimits.read(in);
        memories.add(new MemoryDeclaration(imported, start, in.position(), limits));
    }

    private static void skipTableLimits(final WasmReader in) {
        final int start = in.position();
        final int flags = in.u8();
        if (flags > 0x01) {
            throw new UnsupportedInstructionException(String.format("table limits flags 0x%02x (table64)", flags),
                start);
        }
        in.u32();
        if (flags == 0x01) {
            in.u32();
        }
    }
}
