package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract checks and role detection read the same metadata, so they answer the same on both engines. */
class ModuleContractTest {

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void validComponentsHaveNoProblems(final String engine) {
        for (final String name : List.of("filter", "processor", "source", "batch_aggregator", "traps")) {
            assertEquals(List.of(), ModuleContract.check(TestModules.module(engine, name), false), name);
        }
        assertEquals(List.of(), ModuleContract.check(TestModules.module(engine, "wasi_hello"), true));
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aModuleWithoutARoleExportOrMemoryIsE0101(final String engine) {
        final List<Problem> noRole = ModuleContract.check(TestModules.module(engine, "no_role"), false);
        assertEquals(List.of(ErrorCode.E0101), codes(noRole));
        assertTrue(noRole.get(0).message().contains("no role function"), noRole.get(0).message());

        final List<Problem> noMemory = ModuleContract.check(TestModules.module(engine, "no_memory"), false);
        assertEquals(List.of(ErrorCode.E0101), codes(noMemory));
        assertTrue(noMemory.get(0).message().contains("\"memory\""), noMemory.get(0).message());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void wronglyTypedAndIncompleteExportsAreReported(final String engine) {
        final List<Problem> problems = ModuleContract.check(TestModules.module(engine, "bad_exports"), false);
        assertEquals(List.of(ErrorCode.E0103, ErrorCode.E0101, ErrorCode.E0101, ErrorCode.E0103), codes(problems));
        assertEquals("bad_exports.wasm: export \"torvyn_process\"", problems.get(0).where());
        assertTrue(problems.get(0).message().contains("(i64) -> (i32), expected (i32) -> (i32)"));
        assertTrue(problems.get(1).message().contains("torvyn_flush"));
        assertTrue(problems.get(2).message().contains("torvyn_batch_area"));
        assertTrue(problems.get(3).message().contains("torvyn_teardown"));
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void importProblemsAreListedWithoutInstantiating(final String engine) {
        assertEquals(List.of(ErrorCode.E0102),
            codes(ModuleContract.check(TestModules.module(engine, "unknown_import"), false)));
        assertEquals(List.of(ErrorCode.E0102),
            codes(ModuleContract.check(TestModules.module(engine, "foreign_import"), true)));
        assertEquals(List.of(ErrorCode.E0103),
            codes(ModuleContract.check(TestModules.module(engine, "bad_signature"), false)));
        final List<Problem> denied = ModuleContract.check(TestModules.module(engine, "wasi_hello"), false);
        assertEquals(List.of(ErrorCode.E0500), codes(denied));
        assertEquals("wasi_hello.wasm: import \"wasi_snapshot_preview1\".\"fd_write\"", denied.get(0).where());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void rolesAreDetectedFromExports(final String engine) {
        assertEquals(ModuleRoles.Role.FILTER, ModuleContract.roleOf(TestModules.module(engine, "filter")).single());
        assertEquals(ModuleRoles.Role.PROCESSOR,
            ModuleContract.roleOf(TestModules.module(engine, "processor")).single());
        assertEquals(ModuleRoles.Role.SOURCE, ModuleContract.roleOf(TestModules.module(engine, "source")).single());
        assertNull(ModuleContract.roleOf(TestModules.module(engine, "no_role")).single());

        final ModuleRoles aggregator = ModuleContract.roleOf(TestModules.module(engine, "batch_aggregator"));
        assertEquals(Set.of(), aggregator.elementRoles());
        assertEquals(Set.of(ModuleRoles.Role.AGGREGATOR), aggregator.batchRoles());
        assertTrue(aggregator.isBatch(ModuleRoles.Role.AGGREGATOR));
        assertTrue(aggregator.batchArea());
        assertTrue(aggregator.metadataOnly());
        assertTrue(aggregator.init());
        assertTrue(aggregator.teardown());
        assertFalse(aggregator.complete());

        final ModuleRoles incomplete = ModuleContract.roleOf(TestModules.module(engine, "bad_exports"));
        assertEquals(Set.of(ModuleRoles.Role.PROCESSOR), incomplete.elementRoles());
        assertEquals(Set.of(ModuleRoles.Role.FILTER), incomplete.batchRoles());
        assertFalse(incomplete.isBatch(ModuleRoles.Role.FILTER));
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void theDescriptorListsImportsAndExportsWithTypes(final String engine) {
        final WasmModule processor = TestModules.module(engine, "processor");
        assertEquals(new ImportInfo("torvyn", "buffer_read", ExternKind.FUNCTION, HostImport.BUFFER_READ.signature()),
            processor.imports().get(0));
        assertEquals(4, processor.imports().size());
        final ExportInfo process = processor.export("torvyn_process");
        assertEquals("(i32) -> (i32)", process.signature().toString());
        assertEquals(ExternKind.MEMORY, processor.export("memory").kind());

        final ExportInfo fuel = TestModules.module(engine, "traps").export("torvyn_fuel");
        assertEquals(new ExportInfo("torvyn_fuel", ExternKind.GLOBAL, null, ValueType.I64, true), fuel);
        assertEquals(new LinearMemoryLimits(1, 2), TestModules.module(engine, "traps").memoryLimits().orElseThrow());
    }

    private static List<ErrorCode> codes(final List<Problem> problems) {
        return problems.stream().map(Problem::code).toList();
    }
}
