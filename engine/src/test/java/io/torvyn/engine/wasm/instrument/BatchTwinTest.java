package io.torvyn.engine.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.internal.MeteredExports;
import io.torvyn.engine.wasm.internal.ModuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The argument-free metered twins of batch exports ({@link ModuleInstrumenter#meteredBatchExport}): which exports get
 * one, that the count comes from the header of the area the {@code torvyn_batch_area} twin last returned, and that
 * result, fuel and traps are those of the one-argument twin called with that count, on every engine.
 */
class BatchTwinTest {
    private static final long BUDGET = 1_000_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;
    private static final String AREA = "torvyn_batch_area";
    private static final String PROCESS = "torvyn_process_batch";
    private static final String EVALUATE = "torvyn_evaluate_batch";
    private static final int AT = 1024;

    private static InstrumentedModule instrument(final String fixture, final long budget) {
        return ModuleInstrumenter.instrument(fixture, WasmFixtures.load(fixture), budget, 0);
    }

    private static ModuleDescriptor describe(final byte[] wasm) {
        return ModuleParser.parse(wasm, "test", ModuleParser.digest(wasm)).descriptor();
    }

    private static String twin(final String export) {
        return ModuleInstrumenter.meteredExport(export);
    }

    private static String batchTwin(final String export) {
        return ModuleInstrumenter.meteredBatchExport(export);
    }

    /** A packed result as {result, fuel used}. */
    private static long[] unpack(final long[] results) {
        assertEquals(1, results.length, "one packed i64");
        return new long[] {(int) results[0], results[0] >> 32};
    }

    /** Asks for the area at {@code address} through the metered twin, as the host does; returns the address. */
    private static long area(final GuestRunner runner, final int address) {
        return unpack(runner.results(twin(AREA), address))[0];
    }

    @Test
    void batchRoleExportsOfTheBatchTypeGetAnArgumentFreeTwin() {
        final InstrumentedModule result = instrument("batch", BUDGET);
        final ModuleDescriptor original = describe(WasmFixtures.load("batch"));
        final ModuleDescriptor rewritten = describe(result.bytes());
        final List<String> twinned = List.of(PROCESS, "torvyn_route_batch", EVALUATE, "torvyn_pull_batch");
        for (final String name : twinned) {
            final ExportInfo found = rewritten.functionExport(batchTwin(name));
            assertNotNull(found, name);
            assertEquals(MeteredExports.packedSignature(MeteredExports.BATCH_TWIN), found.signature(), name);
            assertEquals(found, MeteredExports.batchWrapperOf(rewritten, original.functionExport(name), "test"));
        }
        for (final String name : List.of("torvyn_ingest_batch", "torvyn_push_batch", "torvyn_process", AREA,
            "store")) {
            assertNull(rewritten.functionExport(batchTwin(name)), name + " is not a batch export of type (i32)->i32");
            assertNull(MeteredExports.batchWrapperOf(rewritten, original.functionExport(name), "test"), name);
        }
        final int oneArgumentTwins = original.exports().size() - 2;
        assertEquals(oneArgumentTwins + twinned.size(), result.meteredExports());
        assertEquals(original.exports().size() + 1 + result.meteredExports(), rewritten.exports().size(),
            "the fuel global and the wrappers are the only new exports: the area global is internal");
        final ModuleLayout layout = ModuleLayout.scan(result.bytes());
        assertEquals(2, layout.definedGlobals, "the fuel global and the area global");
    }

    @Test
    void withoutFuelOrWithoutABatchAreaThereAreNoBatchTwinsAndNoAreaGlobal() {
        final InstrumentedModule capped = ModuleInstrumenter.instrument(WasmFixtures.load("batch"), 0, 2L * PAGE);
        assertNull(describe(capped.bytes()).functionExport(batchTwin(PROCESS)));
        assertEquals(0, capped.meteredExports());

        final InstrumentedModule noArea = instrument("batch_no_area", BUDGET);
        final ModuleDescriptor rewritten = describe(noArea.bytes());
        assertNotNull(rewritten.functionExport(twin(PROCESS)), "the one-argument twin stays");
        assertNull(rewritten.functionExport(batchTwin(PROCESS)));
        assertEquals(1, ModuleLayout.scan(noArea.bytes()).definedGlobals, "the fuel global only");
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void theBatchTwinPassesTheHeaderCountAndReportsWhatTheOneArgumentTwinDoes(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(instrument("batch", BUDGET).bytes(), HostEnvironment.NONE)) {
            assertEquals(AT, area(runner, AT));
            for (final int count : new int[] {0, 1, 7, 256, 4096}) {
                runner.run("store", AT + ModuleInstrumenter.BATCH_COUNT_OFFSET, count);
                runner.fuel(12_345);
                final long[] withoutArgument = unpack(runner.results(batchTwin(PROCESS)));
                final long leftByTwin = runner.fuel();
                final long[] withArgument = unpack(runner.results(twin(PROCESS), count));
                assertArrayEquals(withArgument, withoutArgument, "count " + count);
                assertEquals(leftByTwin, runner.fuel(), "the global ends the same");
                assertEquals((long) (count * (count - 1) / 2 | count << 16), withoutArgument[0]);
                runner.fuel(BUDGET);
                assertEquals(withoutArgument[0], runner.call(PROCESS, count));
                assertEquals(BUDGET - runner.fuel(), withoutArgument[1], "uncharged: the fuel of a plain call");
            }
            runner.run("store", AT, 4);
            assertArrayEquals(new long[] {-25, unpack(runner.results(twin(EVALUATE), 4))[1]},
                unpack(runner.results(batchTwin(EVALUATE))), "another export, a negative result");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void theCountComesFromTheAreaTheAreaTwinLastReturnedWhenPositive(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(instrument("batch", BUDGET).bytes(), HostEnvironment.NONE)) {
            runner.run("store", AT, 5);
            runner.run("store", 2 * AT, 9);
            area(runner, AT);
            assertEquals(5L << 16 | 10, unpack(runner.results(batchTwin(PROCESS)))[0]);
            area(runner, 2 * AT);
            assertEquals(9L << 16 | 36, unpack(runner.results(batchTwin(PROCESS)))[0]);
            assertEquals(0, area(runner, 0));
            assertEquals(-1, area(runner, -7));
            assertEquals(9L << 16 | 36, unpack(runner.results(batchTwin(PROCESS)))[0], "no area: the last one stays");
            runner.call(AREA, AT);
            assertEquals(9L << 16 | 36, unpack(runner.results(batchTwin(PROCESS)))[0],
                "only the metered twin records the area");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void aBatchTwinCalledBeforeAnyAreaTraps(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(instrument("batch", BUDGET).bytes(), HostEnvironment.NONE)) {
            assertThrows(GuestTrap.class, () -> runner.results(batchTwin(PROCESS)));
            area(runner, AT);
            runner.run("store", AT, 3);
            assertEquals(3L << 16 | 3, unpack(runner.results(batchTwin(PROCESS)))[0], "usable once the area is known");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void trapsLeaveTheFuelGlobalAsTheOneArgumentTwinDoes(final GuestEngine engine) {
        final long tight = 200;
        try (GuestRunner runner = engine.load(instrument("batch", tight).bytes(), HostEnvironment.NONE)) {
            area(runner, AT);
            runner.run("store", AT, 0);
            assertThrows(GuestTrap.class, () -> runner.results(batchTwin(EVALUATE)), "division by zero");
            final long afterTwin = runner.fuel();
            runner.fuel(7);
            assertThrows(GuestTrap.class, () -> runner.results(twin(EVALUATE), 0));
            assertEquals(afterTwin, runner.fuel());
            assertTrue(afterTwin >= 0, "a genuine trap");

            runner.run("store", AT, 1000);
            assertThrows(GuestTrap.class, () -> runner.results(batchTwin(PROCESS)), "out of fuel");
            final long exhausted = runner.fuel();
            assertTrue(exhausted < 0, "a fuel trap leaves the counter negative");
            assertThrows(GuestTrap.class, () -> runner.results(twin(PROCESS), 1000));
            assertEquals(exhausted, runner.fuel());
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void aBudgetAbove31BitsGetsTheUnpackedForm(final GuestEngine engine) {
        final long budget = 1L << 40;
        final byte[] wasm = instrument("batch", budget).bytes();
        assertEquals(MeteredExports.unpackedSignature(MeteredExports.BATCH_TWIN),
            describe(wasm).functionExport(batchTwin(PROCESS)).signature());
        try (GuestRunner runner = engine.load(wasm, HostEnvironment.NONE)) {
            assertEquals(AT, runner.results(twin(AREA), AT)[0]);
            runner.run("store", AT, 4);
            assertArrayEquals(runner.results(twin(PROCESS), 4), runner.results(batchTwin(PROCESS)));
        }
    }

    @Test
    void aModuleThatAlreadyExportsTheBatchPrefixIsRefusedWhenMetered() {
        final byte[] wasm = WasmFixtures.load("reserved_batch_name");
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument("reserved.wasm", wasm, BUDGET, 0));
        assertEquals(ErrorCode.E0100, e.code());
        assertTrue(e.problem().message().contains("torvyn_metered0$f"), e.problem().message());
        assertEquals(0, ModuleInstrumenter.instrument(wasm, 0, PAGE).meteredExports(), "unmetered: not our business");
    }
}
