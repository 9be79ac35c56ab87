package io.torvyn.engine.wasm.internal;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ExternKind;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.ImportInfo;
import io.torvyn.engine.wasm.LinearMemoryLimits;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.WasmFailures;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses and validates a Wasm binary once with Chicory's parser and derives the engine-neutral
 * {@link ModuleDescriptor}. Both engines use it, so a module is judged by the same validator and described by the same
 * code whichever engine runs it; the Chicory backend also reuses the parsed module to compile it.
 */
public final class ModuleParser {

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private ModuleParser() {
    }

    /** A parsed module with its metadata. */
    public record Parsed(WasmModule module, ModuleDescriptor descriptor) {
    }

    /** True when the bytes start with the Wasm binary magic ({@code \0asm}); anything else is treated as WAT text. */
    public static boolean isBinary(final byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the bytes, hex: the compile-cache key. */
    public static String digest(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /** Parses and validates; raises E0100 for anything that is not a valid module (any parser failure counts). */
    public static Parsed parse(final byte[] wasm, final String name, final String digest) {
        final WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (final RuntimeException malformed) {
            throw WasmFailures.moduleInvalid(name, String.valueOf(malformed.getMessage()), malformed);
        }
        try {
            return new Parsed(module, describe(module, name, digest, wasm.length));
        } catch (final RuntimeException unsupported) {
            throw WasmFailures.moduleInvalid(name, "unsupported module structure: " + unsupported, unsupported);
        }
    }

    private static ModuleDescriptor describe(final WasmModule module, final String name, final String digest,
                                             final int size) {
        final List<ImportInfo> imports = new ArrayList<>();
        final List<FunctionType> functionTypes = new ArrayList<>();
        final List<Global> globalTypes = new ArrayList<>();
        LinearMemoryLimits memory = null;
        final int importCount = module.importSection().importCount();
        for (int i = 0; i < importCount; i++) {
            final Import imp = module.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION -> {
                    final FunctionType type = module.typeSection().getType(((FunctionImport) imp).typeIndex());
                    functionTypes.add(type);
                    imports.add(new ImportInfo(imp.module(), imp.name(), ExternKind.FUNCTION, signature(type)));
                }
                case GLOBAL -> {
                    final GlobalImport global = (GlobalImport) imp;
                    globalTypes.add(new Global(global.type(), global.mutabilityType(), List.of()));
                    imports.add(new ImportInfo(imp.module(), imp.name(), ExternKind.GLOBAL, null));
                }
                case MEMORY -> {
                    if (memory == null) {
                        memory = limits(((MemoryImport) imp).limits());
                    }
                    imports.add(new ImportInfo(imp.module(), imp.name(), ExternKind.MEMORY, null));
                }
                case TABLE -> imports.add(new ImportInfo(imp.module(), imp.name(), ExternKind.TABLE, null));
                default -> imports.add(new ImportInfo(imp.module(), imp.name(), ExternKind.TAG, null));
            }
        }
        final int definedFunctions = module.functionSection().functionCount();
        for (int i = 0; i < definedFunctions; i++) {
            functionTypes.add(module.functionSection().getFunctionType(i, module.typeSection()));
        }
        globalTypes.addAll(List.of(module.globalSection().globals()));
        if (memory == null && module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            memory = limits(module.memorySection().get().getMemory(0).limits());
        }
        final List<ExportInfo> exports = new ArrayList<>();
        final int exportCount = module.exportSection().exportCount();
        for (int i = 0; i < exportCount; i++) {
            final Export export = module.exportSection().getExport(i);
            exports.add(switch (export.exportType()) {
                case FUNCTION -> new ExportInfo(export.name(), ExternKind.FUNCTION,
                    signature(functionTypes.get(export.index())), null, false);
                case GLOBAL -> {
                    final Global global = globalTypes.get(export.index());
                    yield new ExportInfo(export.name(), ExternKind.GLOBAL, null, valueType(global.valueType()),
                        global.mutabilityType() == MutabilityType.Var);
                }
                case MEMORY -> new ExportInfo(export.name(), ExternKind.MEMORY, null, null, false);
                case TABLE -> new ExportInfo(export.name(), ExternKind.TABLE, null, null, false);
                default -> new ExportInfo(export.name(), ExternKind.TAG, null, null, false);
            });
        }
        return new ModuleDescriptor(name, digest, size, imports, exports, memory);
    }

    private static LinearMemoryLimits limits(final MemoryLimits limits) {
        final long max = limits.maximumPages();
        return new LinearMemoryLimits(limits.initialPages(),
            max >= MemoryLimits.MAX_PAGES ? LinearMemoryLimits.NO_MAX : max);
    }

    /** The contract's view of a Chicory function type. */
    public static FunctionSignature signature(final FunctionType type) {
        return new FunctionSignature(valueTypes(type.params()), valueTypes(type.returns()));
    }

    private static List<ValueType> valueTypes(final List<ValType> types) {
        final List<ValueType> out = new ArrayList<>(types.size());
        for (final ValType type : types) {
            out.add(valueType(type));
        }
        return out;
    }

    /** The contract's view of a Chicory value type. */
    public static ValueType valueType(final ValType type) {
        if (ValType.I32.equals(type)) {
            return ValueType.I32;
        }
        if (ValType.I64.equals(type)) {
            return ValueType.I64;
        }
        if (ValType.F32.equals(type)) {
            return ValueType.F32;
        }
        if (ValType.F64.equals(type)) {
            return ValueType.F64;
        }
        if (ValType.V128.equals(type)) {
            return ValueType.V128;
        }
        if (ValType.FuncRef.equals(type)) {
            return ValueType.FUNCREF;
        }
        if (ValType.ExternRef.equals(type)) {
            return ValueType.EXTERNREF;
        }
        return ValueType.OTHER;
    }
}
