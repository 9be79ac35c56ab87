package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.torvyn.engine.wasm.FunctionSignature.consumer;
import static io.torvyn.engine.wasm.FunctionSignature.function;
import static io.torvyn.engine.wasm.ValueType.I32;

/**
 * The component contract of spec/component-abi.md as checks over a module's metadata: imports only from
 * {@code "torvyn"} (and WASI when the node allows it) with the table's exact types, a {@code memory} export, at least
 * one role export, well-typed role, lifecycle and batch exports. {@code torvyn check} lists every problem;
 * instantiation calls {@link #requireLinkable} and fails on the first import problem.
 */
public final class ModuleContract {

    public static final String MEMORY_EXPORT = "memory";
    public static final String INIT = "torvyn_init";
    public static final String TEARDOWN = "torvyn_teardown";
    public static final String FLUSH = "torvyn_flush";
    public static final String COMPLETE = "torvyn_complete";
    public static final String BATCH_AREA = "torvyn_batch_area";
    public static final String METADATA_ONLY = "torvyn_metadata_only";

    private static final FunctionSignature NO_ARG_I32 = function(I32);
    private static final FunctionSignature I32_TO_I32 = function(I32, I32);
    private static final FunctionSignature NO_ARG_VOID = consumer();

    private ModuleContract() {
    }

    /** Every contract problem of the module, imports first; empty when it is a valid component. */
    public static List<Problem> check(final WasmModule module, final boolean wasi) {
        return check(module.descriptor(), wasi);
    }

    /** As {@link #check(WasmModule, boolean)} on bare metadata. */
    public static List<Problem> check(final ModuleDescriptor module, final boolean wasi) {
        final List<Problem> problems = new ArrayList<>(checkImports(module, wasi));
        checkExports(module, problems);
        return problems;
    }

    /** Import problems only (E0102, E0103, E0500): what stops an instance from linking. */
    public static List<Problem> checkImports(final ModuleDescriptor module, final boolean wasi) {
        final List<Problem> problems = new ArrayList<>();
        for (final ImportInfo imported : module.imports()) {
            final String where = module.name() + ": import " + imported.qualifiedName();
            if (HostImport.MODULE.equals(imported.module())) {
                final HostImport hostImport = HostImport.byName(imported.name());
                if (hostImport == null || imported.kind() != ExternKind.FUNCTION) {
                    problems.add(WasmFailures.importUnknown(where, imported,
                        "the torvyn module provides only the functions listed in spec/component-abi.md"));
                } else if (!hostImport.signature().equals(imported.signature())) {
                    problems.add(WasmFailures.signatureMismatch(where, "import " + imported.qualifiedName(),
                        hostImport.signature(), imported.signature()));
                }
            } else if (WasiImports.MODULE.equals(imported.module())) {
                if (!wasi) {
                    problems.add(WasmFailures.capabilityDenied(where, imported));
                    continue;
                }
                final FunctionSignature expected = WasiImports.signature(imported.name());
                if (expected == null || imported.kind() != ExternKind.FUNCTION) {
                    problems.add(WasmFailures.importUnknown(where, imported,
                        "only WASI preview 1 functions are provided"));
                } else if (!expected.equals(imported.signature())) {
                    problems.add(WasmFailures.signatureMismatch(where, "import " + imported.qualifiedName(),
                        expected, imported.signature()));
                }
            } else {
                problems.add(WasmFailures.importUnknown(where, imported,
                    "import only from \"torvyn\" (and \"wasi_snapshot_preview1\" with wasi = true); "
                        + "link everything else into the module"));
            }
        }
        return problems;
    }

    /** Raises the first import problem of the module, if any. */
    public static void requireLinkable(final ModuleDescriptor module, final boolean wasi) {
        final List<Problem> problems = checkImports(module, wasi);
        if (!problems.isEmpty()) {
            throw WasmFailures.raise(problems.get(0));
        }
    }

    /** The roles the module's exports offer. */
    public static ModuleRoles roleOf(final WasmModule module) {
        return roleOf(module.descriptor());
    }

    /** As {@link #roleOf(WasmModule)} on bare metadata. */
    public static ModuleRoles roleOf(final ModuleDescriptor module) {
        final Set<ModuleRoles.Role> element = EnumSet.noneOf(ModuleRoles.Role.class);
        final Set<ModuleRoles.Role> batch = EnumSet.noneOf(ModuleRoles.Role.class);
        final boolean flush = hasFunction(module, FLUSH);
        for (final ModuleRoles.Role role : ModuleRoles.Role.values()) {
            final boolean needsFlush = role == ModuleRoles.Role.AGGREGATOR;
            if (hasFunction(module, role.export()) && (!needsFlush || flush)) {
                element.add(role);
            }
            if (hasFunction(module, role.batchExport()) && (!needsFlush || flush)) {
                batch.add(role);
            }
        }
        return new ModuleRoles(element, batch, hasFunction(module, BATCH_AREA), module.export(METADATA_ONLY) != null,
            hasFunction(module, INIT), hasFunction(module, TEARDOWN), hasFunction(module, COMPLETE));
    }

    private static void checkExports(final ModuleDescriptor module, final List<Problem> problems) {
        final String name = module.name();
        final ExportInfo memory = module.export(MEMORY_EXPORT);
        if (memory == null || memory.kind() != ExternKind.MEMORY) {
            problems.add(new Problem(ErrorCode.E0101, "'" + name + "' does not export its memory as \"memory\"", name,
                "export the linear memory (wasm-ld does by default; in WAT: (memory (export \"memory\") 1))"));
        }
        boolean anyRole = false;
        boolean anyBatch = false;
        for (final ModuleRoles.Role role : ModuleRoles.Role.values()) {
            anyRole |= checkSignature(module, role.export(), role == ModuleRoles.Role.SOURCE ? NO_ARG_I32 : I32_TO_I32,
                problems);
            final boolean batch = checkSignature(module, role.batchExport(), I32_TO_I32, problems);
            anyRole |= batch;
            anyBatch |= batch;
        }
        if (!anyRole) {
            problems.add(new Problem(ErrorCode.E0101, "'" + name + "' exports no role function", name,
                "export one of torvyn_pull, torvyn_process, torvyn_evaluate, torvyn_route, torvyn_ingest + "
                    + "torvyn_flush, torvyn_push (or a _batch twin)"));
        }
        final boolean ingest = module.export(ModuleRoles.Role.AGGREGATOR.export()) != null
            || module.export(ModuleRoles.Role.AGGREGATOR.batchExport()) != null;
        final boolean flush = checkSignature(module, FLUSH, NO_ARG_I32, problems);
        if (ingest && !flush) {
            problems.add(missing(name, FLUSH, "an aggregator exports torvyn_flush() -> i32 next to torvyn_ingest"));
        }
        final boolean area = checkSignature(module, BATCH_AREA, I32_TO_I32, problems);
        if (anyBatch && !area) {
            problems.add(missing(name, BATCH_AREA, "a batch export needs torvyn_batch_area(bytes i32) -> i32"));
        }
        checkSignature(module, INIT, NO_ARG_I32, problems);
        checkSignature(module, TEARDOWN, NO_ARG_VOID, problems);
        checkSignature(module, COMPLETE, NO_ARG_I32, problems);
    }

    /** True when the export exists as a function; adds E0103 when it exists with the wrong kind or type. */
    private static boolean checkSignature(final ModuleDescriptor module, final String exportName,
                                          final FunctionSignature expected, final List<Problem> problems) {
        final ExportInfo export = module.export(exportName);
        if (export == null) {
            return false;
        }
        final String where = module.name() + ": export \"" + exportName + "\"";
        if (export.kind() != ExternKind.FUNCTION) {
            problems.add(WasmFailures.signatureMismatch(where, "export \"" + exportName + "\"",
                "a function " + expected, "a " + export.kind().text()));
            return false;
        }
        if (!expected.equals(export.signature())) {
            problems.add(WasmFailures.signatureMismatch(where, "export \"" + exportName + "\"", expected,
                export.signature()));
        }
        return true;
    }

    private static Problem missing(final String module, final String export, final String help) {
        return new Problem(ErrorCode.E0101, "'" + module + "' lacks export \"" + export + "\"", module, help);
    }

    private static boolean hasFunction(final ModuleDescriptor module, final String exportName) {
        return module.functionExport(exportName) != null;
    }
}
