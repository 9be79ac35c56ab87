package io.torvyn.engine.wasm.instrument;

import java.util.List;

/**
 * Emits the instrumented module: every section the rewrite does not concern is copied byte for byte, the code section
 * goes through {@link FuelInjector}, the fuel global (and the batch area global of a batch module), the
 * {@link MeteredWrappers} and their exports and types are appended to their sections (which are created at their
 * required position when the module has none), and memory limits are re-encoded in place.
 */
final class ModuleRewriter {
    private static final int VALUE_TYPE_I64 = 0x7E;
    private static final int MUTABLE = 0x01;
    private static final int I64_CONST = 0x42;
    private static final int END = 0x0B;
    private static final int EXPORT_KIND_GLOBAL = 0x03;
    /** Sections the rewrite may have to create, in the order the binary format requires. */
    private static final int[] CREATABLE = {ModuleLayout.FUNCTION, ModuleLayout.GLOBAL, ModuleLayout.EXPORT,
        ModuleLayout.CODE};

    private final byte[] source;
    private final ModuleLayout layout;
    private final long initialFuel;
    private final long capPages;
    private FuelInjector injector;
    private MeteredWrappers wrappers;
    private final int fuelGlobal;
    private final WasmOutput payload = new WasmOutput(1024);
    private final boolean[] written = new boolean[16];

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

    /** Number of wrapper exports added (0 when not metered). */
    int wrapperExports() {
        return wrappers == null ? 0 : wrappers.exports();
    }

    byte[] rewrite() {
        if (metered()) {
            final FunctionSignatures signatures = FunctionSignatures.read(source, layout);
            injector = new FuelInjector(source, fuelGlobal, layout.importedFunctions, signatures.parameterCounts());
            wrappers = MeteredWrappers.plan(layout, signatures, fuelGlobal, initialFuel);
        }
        final WasmOutput out = new WasmOutput(source.length + source.length / 4 + 64);
        out.bytes(source, 0, ModuleLayout.headerSize());
        for (final ModuleLayout.Section section : layout.sections) {
            final int rank = ModuleLayout.rank(section.id());
            if (rank >= 0) {
                insertMissingSectionsBefore(rank, out);
            }
            payload.reset();
            writePayload(section);
            out.u8(section.id()).sizedBlock(payload);
            if (section.id() > ModuleLayout.CUSTOM && section.id() < written.length) {
                written[section.id()] = true;
            }
        }
        insertMissingSectionsBefore(Integer.MAX_VALUE, out);
        return out.toByteArray();
    }

    private boolean wraps() {
        return wrappers != null && !wrappers.isEmpty();
    }

    /** True for a section the rewrite adds entries to, which must therefore exist in the output. */
    private boolean needed(final int id) {
        switch (id) {
            case ModuleLayout.GLOBAL, ModuleLayout.EXPORT:
                return metered();
            case ModuleLayout.FUNCTION, ModuleLayout.CODE:
                return wraps();
            default:
                return false;
        }
    }

    private void writePayload(final ModuleLayout.Section section) {
        final int start = section.start();
        final int end = section.end();
        switch (section.id()) {
            case ModuleLayout.IMPORT, ModuleLayout.MEMORY:
                copyWithCappedMemories(start, end, section.id() == ModuleLayout.IMPORT);
                break;
            case ModuleLayout.TYPE:
                if (wraps()) {
                    appendEntries(start, end, wrappers.types(), wrappers::writeTypes);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.FUNCTION:
                if (wraps()) {
                    appendEntries(start, end, wrappers.functions(), wrappers::writeFunctions);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.GLOBAL:
                if (metered()) {
                    appendEntries(start, end, addedGlobals(), this::writeGlobals);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.EXPORT:
                if (metered()) {
                    appendEntries(start, end, 1 + wrappers.exports(), this::writeExports);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            case ModuleLayout.CODE:
                if (metered()) {
                    injector.rewriteCodeSection(start, end, payload, wrappers.functions());
                    wrappers.writeBodies(payload);
                } else {
                    payload.bytes(source, start, end - start);
                }
                break;
            default:
                payload.bytes(source, start, end - start);
                break;
        }
    }

    /** Creates, in order, every needed section the source lacks whose rank is below {@code rank}. */
    private void insertMissingSectionsBefore(final int rank, final WasmOutput out) {
        for (final int id : CREATABLE) {
            if (ModuleLayout.rank(id) >= rank || written[id] || !needed(id) || layout.has(id)) {
                continue;
            }
            payload.reset();
            switch (id) {
                case ModuleLayout.FUNCTION:
                    payload.u32(wrappers.functions());
                    wrappers.writeFunctions(payload);
                    break;
                case ModuleLayout.GLOBAL:
                    payload.u32(addedGlobals());
                    writeGlobals(payload);
                    break;
                case ModuleLayout.EXPORT:
                    payload.u32(1L + wrappers.exports());
                    writeExports(payload);
                    break;
                default:
                    payload.u32(wrappers.functions());
                    wrappers.writeBodies(payload);
                    break;
            }
            out.u8(id).sizedBlock(payload);
            written[id] = true;
        }
    }

    /** Rewrites a vector section as count + {@code added}, its original entries byte for byte, then the new ones. */
    private void appendEntries(final int start, final int end, final int added,
                               final java.util.function.Consumer<WasmOutput> entries) {
        final WasmReader in = new WasmReader(source, start, end);
        final int count = in.index();
        payload.u32((long) count + added);
        payload.bytes(source, in.position(), end - in.position());
        entries.accept(payload);
    }

    /** The fuel global, and the batch area global right after it when the wrappers need one. */
    private int addedGlobals() {
        return wrappers.areaGlobal() >= 0 ? 2 : 1;
    }

    private void writeGlobals(final WasmOutput out) {
        out.u8(VALUE_TYPE_I64).u8(MUTABLE).u8(I64_CONST).s64(initialFuel).u8(END);
        if (wrappers.areaGlobal() >= 0) {
            MeteredWrappers.writeAreaGlobal(out);
        }
    }

    private void writeExports(final WasmOutput out) {
        out.name(ModuleInstrumenter.FUEL_GLOBAL_EXPORT).u8(EXPORT_KIND_GLOBAL).u32(fuelGlobal);
        wrappers.writeExports(out);
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
