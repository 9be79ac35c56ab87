package io.torvyn.engine.wasm.instrument;

import java.util.List;

/**
 * Emits the instrumented module: every section the rewrite does not concern is copied byte for byte, the code section
 * goes through {@link FuelInjector}, the fuel global and its export are appended to their sections (which are created
 * at their required position when the module has none), and memory limits are re-encoded in place.
 */
final class ModuleRewriter {
    private static final int VALUE_TYPE_I64 = 0x7E;
    private static final int MUTABLE = 0x01;
    private static final int I64_CONST = 0x42;
    private static final int END = 0x0B;
    private static final int EXPORT_KIND_GLOBAL = 0x03;

    private final byte[] source;
    private final ModuleLayout layout;
    private final long initialFuel;
    private final long capPages;
    private FuelInjector injector;
    private final int fuelGlobal;
    private final WasmOutput payload = new WasmOutput(1024);
    private boolean globalWritten;
    private boolean exportWritten;

    /**
     * @param initialFuel fuel the global starts with (it meters the start function); 0 disables metering
     * @param capPages    memory cap in pages, or -1 to leave memories alone
     */
    ModuleRewriter(final byte[] source, final ModuleLayout layout, final long initialFuel, final long capPages) {
        this.source = source;
        this.layout = layout;
        this.initialFuel = initialFuel;
        this.capPages = capPages;
        this.fuelGlobal = layout.importedGlobals + layout.definedGlobals;
    }

    boolean metered() {
        return initialFuel > 0;
    }

    /** The code rewriter once {@link #rewrite()} has started on a metered module, else null. */
    FuelInjector injector() {
        return injector;
    }

    byte[] rewrite() {
        if (metered()) {
            injector = new FuelInjector(source, fuelGlobal, layout.importedFunctions,
                FunctionSignatures.parameterCounts(source, layout));
        }
        final WasmOutput out = new WasmOutput(source.length + source.length / 4 + 64);
        out.bytes(source, 0, ModuleLayout.headerSize());
        for (final ModuleLayout.Section section : layout.sections) {
            final int rank = ModuleLayout.rank(section.id());
            if (rank > ModuleLayout.rank(ModuleLayout.GLOBAL)) {
                insertGlobalSectionIfMissing(out);
            }
            if (rank > ModuleLayout.rank(ModuleLayout.EXPORT)) {
                insertExportSectionIfMissing(out);
            }
            payload.reset();
            writePayload(section);
            out.u8(section.id()).sizedBlock(payload);
        }
        insertGlobalSectionIfMissing(out);
        insertExportSectionIfMissing(out);
        return out.toByteArray();
    }

    private void writePayload(final ModuleLayout.Section section) {
        final int start = section.start();
        final int end = section.end();
        switch (section.id()) {
            case ModuleLayout.IMPORT, ModuleLayout.MEMORY:
                copyWithCappedMemories(start, end, section.id() == ModuleLayout.IMPORT);
                break;
            case ModuleLayout.GLOBAL:
                if (metered()) {
                    appendEntry(start, end, this::writeFuelGlobal);
                    globalWritten = true;
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.EXPORT:
                if (metered()) {
                    appendEntry(start, end, this::writeFuelExport);
                    exportWritten = true;
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.CODE:
                if (metered()) {
                    injector.rewriteCodeSection(start, end, payload);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            default:
                payload.bytes(source, start, end - start);
                break;
        }
    }

    private void insertGlobalSectionIfMissing(final WasmOutput out) {
        if (metered() && !globalWritten && !layout.has(ModuleLayout.GLOBAL)) {
            payload.reset();
            payload.u32(1);
            writeFuelGlobal(payload);
            out.u8(ModuleLayout.GLOBAL).sizedBlock(payload);
            globalWritten = true;
        }
    }

    private void insertExportSectionIfMissing(final WasmOutput out) {
        if (metered() && !exportWritten && !layout.has(ModuleLayout.EXPORT)) {
            payload.reset();
            payload.u32(1);
            writeFuelExport(payload);
            out.u8(ModuleLayout.EXPORT).sizedBlock(payload);
            exportWritten = true;
        }
    }

    /** Rewrites a vector section as count + 1, its original entries byte for byte, then one new entry. */
    private void appendEntry(final int start, final int end, final java.util.function.Consumer<WasmOutput> entry) {
        final WasmReader in = new WasmReader(source, start, end);
        final int count = in.index();
        payload.u32(count + 1L);
        payload.bytes(source, in.position(), end - in.position());
        entry.accept(payload);
    }

    private void writeFuelGlobal(final WasmOutput out) {
        out.u8(VALUE_TYPE_I64).u8(MUTABLE).u8(I64_CONST).s64(initialFuel).u8(END);
    }

    private void writeFuelExport(final WasmOutput out) {
        out.name(ModuleInstrumenter.FUEL_GLOBAL_EXPORT).u8(EXPORT_KIND_GLOBAL).u32(fuelGlobal);
    }

    private void copyWithCappedMemories(final int start, final int end, final boolean importSection) {
        int copied = start;
        final List<ModuleLayout.MemoryDeclaration> memories = layout.memories;
        for (final ModuleLayout.MemoryDeclaration memory : memories) {
            if (memory.imported() != importSection || capPages < 0 || !memory.limits().exceeds(capPages)) {
                continue;
            }
            payload.bytes(source, copied, memory.limitsStart() - copied);
            memory.limits().cappedAt(capPages).write(payload);
            copied = memory.limitsEnd();
        }
        payload.bytes(source, copied, end - copied);
    }
}
