package io.torvyn.engine.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ExternKind;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.ValueType;
import io.torvyn.engine.wasm.internal.MeteredExports;
import io.torvyn.engine.wasm.internal.ModuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metered wrapper exports ({@link MeteredWrappers}): which functions get one, their type, and that one call of a
 * wrapper gives the result and the fuel used, charging exactly what setting the global, calling the function and
 * reading the global back charges, on every engine.
 */
class MeteredWrapperTest {
    private static final long BUDGET = 1_000_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;

    private static byte[] metered(final String fixture, final long budget) {
        return ModuleInstrumenter.instrument(fixture, WasmFixtures.load(fixture), budget, 0).bytes();
    }

    private static String wrapper(final String export) {
        return ModuleInstrumenter.meteredExport(export);
    }

    private static ModuleDescriptor describe(final byte[] wasm) {
        return ModuleParser.parse(wasm, "test", ModuleParser.digest(wasm)).descriptor();
    }

    /** A packed result as {result, fuel used}. */
    private static long[] unpack(final long[] results) {
        assertEquals(1, results.length, "one packed i64");
        return new long[] {(int) results[0], results[0] >> 32};
    }

    @ParameterizedTest
    @ValueSource(strings = {"control", "features", "imports", "wrappers", "reexport", "imported_memory"})
    void everyFunctionExportWithAtMostOneResultGetsAWrapperOfTheInstrumentersType(final String fixture) {
        final InstrumentedModule result = ModuleInstrumenter.instrument(fixture, WasmFixtures.load(fixture), BUDGET,
            0);
        final ModuleDescriptor original = describe(WasmFixtures.load(fixture));
        final ModuleDescriptor rewritten = describe(result.bytes());
        int wrapped = 0;
        for (final ExportInfo export : original.exports()) {
            if (export.kind() != ExternKind.FUNCTION) {
                continue;
            }
            final ExportInfo twin = rewritten.functionExport(wrapper(export.name()));
            final FunctionSignature signature = export.signature();
            if (signature.results().size() > 1) {
                assertNull(twin, export.name() + " has two results");
                continue;
            }
            assertNotNull(twin, "wrapper of " + export.name());
            final boolean i32 = signature.results().equals(List.of(ValueType.I32));
            assertEquals(i32 ? MeteredExports.packedSignature(signature) : MeteredExports.unpackedSignature(signature),
                twin.signature(), export.name());
            assertEquals(i32, MeteredExports.packs(signature, twin.signature()));
            assertEquals(twin, MeteredExports.wrapperOf(rewritten, export, "test"));
            wrapped++;
        }
        assertEquals(wrapped, result.meteredExports());
        assertEquals(original.exports().size() + 1 + wrapped, rewritten.exports().size(),
            "the fuel global and the wrappers are the only new exports");
    }

    @Test
    void theWrappersFixtureCoversSharedTwoResultAndReexportedFunctions() {
        final InstrumentedModule result = ModuleInstrumenter.instrument(WasmFixtures.load("wrappers"), BUDGET, 0);
        final ModuleDescriptor rewritten = describe(result.bytes());
        for (final String name : List.of("grow", "grow_again", "mixed", "nothing", "twice")) {
            assertNotNull(rewritten.functionExport(wrapper(name)), name);
        }
        assertNull(rewritten.functionExport(wrapper("swap")));
        assertEquals(5, result.meteredExports());
    }

    @ParameterizedTest
    @ValueSource(strings = {"control", "features", "wrappers", "bounded_memory"})
    void withoutFuelThereAreNoWrappers(final String fixture) {
        final InstrumentedModule capped = ModuleInstrumenter.instrument(WasmFixtures.load(fixture), 0, 2L * PAGE);
        assertEquals(0, capped.meteredExports());
        for (final ExportInfo export : describe(capped.bytes()).exports()) {
            assertFalse(export.name().startsWith(ModuleInstrumenter.METERED_EXPORT_PREFIX), export.name());
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void aWrapperReturnsTheResultAndTheFuelUsed(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control", BUDGET), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {7, 3}, unpack(runner.results(wrapper("add"), 3, 4)));
            assertEquals(BUDGET - 3, runner.fuel(), "the global agrees with the fuel used");
            assertArrayEquals(new long[] {-1, 5}, unpack(runner.results(wrapper("sign"), -5)), "a negative result");
            assertArrayEquals(new long[] {1, 2}, unpack(runner.results(wrapper("grow"), 2)));
            assertArrayEquals(new long[] {3, 1}, unpack(runner.results(wrapper("pages"))));
            assertArrayEquals(new long[] {4}, runner.results(wrapper("table_exit"), 0), "no result: fuel used alone");
            assertArrayEquals(new long[] {45, 147}, runner.results(wrapper("sum"), 10), "an i64 result: (R, used)");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void aBudgetAbove31BitsGetsTheUnpackedForm(final GuestEngine engine) {
        final long budget = 1L << 40;
        try (GuestRunner runner = engine.load(metered("control", budget), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {7, 3}, runner.results(wrapper("add"), 3, 4));
            assertEquals(budget - 3, runner.fuel());
        }
        final ExportInfo add = describe(metered("control", budget)).functionExport(wrapper("add"));
        assertEquals(MeteredExports.unpackedSignature(FunctionSignature.function(ValueType.I32, ValueType.I32,
            ValueType.I32)), add.signature());
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void wrappersChargeNothingThemselves(final GuestEngine engine) {
        final Object[][] calls = {{"sum", 0}, {"sum", 1000}, {"classify", 2}, {"classify", 9}, {"sign", -5},
            {"fib", 12}, {"down", 300}, {"early", 0}, {"early", 1}};
        try (GuestRunner runner = engine.load(metered("control", BUDGET), HostEnvironment.NONE)) {
            for (final Object[] call : calls) {
                final String export = (String) call[0];
                runner.fuel(BUDGET);
                final long direct = runner.call(export, call[1]);
                final long usedDirectly = BUDGET - runner.fuel();
                runner.fuel(12_345);
                final long[] wrapped = export.equals("sum") ? runner.results(wrapper(export), call[1])
                    : unpack(runner.results(wrapper(export), call[1]));
                assertEquals(direct, wrapped[0], export);
                assertEquals(usedDirectly, wrapped[1], "fuel of " + export + "(" + call[1] + ")");
            }
            assertEquals(14L * 1000 + 7, runner.results(wrapper("sum"), 1000)[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void trapsInsideAWrapperLeaveTheGlobalAsTheContractSays(final GuestEngine engine) {
        try (GuestRunner exact = engine.load(metered("control", 147), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {45, 147}, exact.results(wrapper("sum"), 10), "an exact budget");
        }
        try (GuestRunner runner = engine.load(metered("control", 146), HostEnvironment.NONE)) {
            assertThrows(GuestTrap.class, () -> runner.results(wrapper("sum"), 10));
            assertTrue(runner.fuel() < 0, "a fuel trap leaves the counter negative");
            assertArrayEquals(new long[] {7, 3}, unpack(runner.results(wrapper("add"), 3, 4)), "still usable");

            assertThrows(GuestTrap.class, () -> runner.results(wrapper("divide"), 1, 0));
            assertEquals(146, runner.fuel(), "a genuine trap: the value of the last boundary (function entry)");

            assertThrows(GuestTrap.class, () -> runner.results(wrapper("spin")));
            assertEquals(-1, runner.fuel());
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void sharedMixedEmptyAndReexportedFunctionsAreWrapped(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("wrappers", 90), HostEnvironment.IMPORTS)) {
            assertArrayEquals(new long[] {1, 2}, unpack(runner.results(wrapper("grow"), 1)));
            assertArrayEquals(new long[] {2, 2}, unpack(runner.results(wrapper("grow_again"), 1)));
            assertArrayEquals(new long[] {Double.doubleToRawLongBits(2.5), 1},
                runner.results(wrapper("mixed"), 7L, 2.5, 1));
            assertArrayEquals(new long[] {0}, runner.results(wrapper("nothing")));
            assertArrayEquals(new long[] {10, 0}, unpack(runner.results(wrapper("twice"), 5)),
                "a host function is not metered");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void aModuleWithoutCodeGetsItsFunctionAndCodeSectionsCreated(final GuestEngine engine) {
        final byte[] wasm = metered("reexport", BUDGET);
        final ModuleLayout layout = ModuleLayout.scan(wasm);
        for (final int id : new int[] {ModuleLayout.FUNCTION, ModuleLayout.GLOBAL, ModuleLayout.CODE}) {
            assertTrue(layout.has(id), "section " + id);
        }
        try (GuestRunner runner = engine.load(wasm, HostEnvironment.IMPORTS)) {
            assertArrayEquals(new long[] {14, 0}, unpack(runner.results(wrapper("twice"), 7)));
        }
    }

    @Test
    void aModuleThatAlreadyExportsTheReservedPrefixIsRefusedWhenMetered() {
        final byte[] wasm = WasmFixtures.load("reserved_name");
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument("reserved.wasm", wasm, BUDGET, 0));
        assertEquals(ErrorCode.E0100, e.code());
        assertTrue(e.problem().message().contains("torvyn_metered$f"), e.problem().message());
        assertEquals(0, ModuleInstrumenter.instrument(wasm, 0, PAGE).meteredExports(), "unmetered: not our business");
    }

    /**
     * Code that names the index one past its own globals or functions is invalid, but would become valid once the
     * fuel global and the wrappers exist there, and could then refill its own budget: the original is validated too.
     */
    @Test
    void anOriginalNamingIndicesThatOnlyTheRewriteCreatesIsRefused() {
        final byte[] setsTheFuelGlobal = moduleWithBody(0x42, 0x00, 0x24, 0x00, 0x41, 0x00, 0x0B);
        final byte[] callsItsWrapper = moduleWithBody(0x42, 0x00, 0x10, 0x01, 0x1A, 0x1A, 0x0B);
        for (final byte[] wasm : List.of(setsTheFuelGlobal, callsItsWrapper)) {
            final TorvynException e = assertThrows(TorvynException.class,
                () -> ModuleInstrumenter.instrument("past_the_end.wasm", wasm, BUDGET, 0));
            assertEquals(ErrorCode.E0100, e.code());
            assertTrue(e.problem().message().startsWith("module is not valid WebAssembly: "), e.problem().message());
        }
    }

    /** A module with one function {@code f: () -> i32}, exported as "f", whose code is {@code body} (after locals). */
    private static byte[] moduleWithBody(final int... body) {
        final WasmOutput out = new WasmOutput(64);
        out.u8(0x00).u8(0x61).u8(0x73).u8(0x6D).u8(0x01).u8(0x00).u8(0x00).u8(0x00);
        section(out, 1, new WasmOutput(8).u32(1).u8(0x60).u32(0).u32(1).u8(0x7F));
        section(out, 3, new WasmOutput(4).u32(1).u32(0));
        section(out, 7, new WasmOutput(8).u32(1).name("f").u8(0x00).u32(0));
        final WasmOutput code = new WasmOutput(16).u32(0);
        for (final int b : body) {
            code.u8(b);
        }
        section(out, 10, new WasmOutput(16).u32(1).sizedBlock(code));
        return out.toByteArray();
    }

    private static void section(final WasmOutput out, final int id, final WasmOutput payload) {
        out.u8(id).sizedBlock(payload);
    }
}
