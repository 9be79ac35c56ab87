package io.torvyn.engine.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs instrumented modules on every engine. Fuel costs are asserted exactly (they follow from the cost model in
 * {@link FuelInjector}: instructions per segment, {@code end}/{@code else} free), which also proves that every engine
 * charges the same amount for the same input.
 */
class InstrumentedExecutionTest {
    private static final long BUDGET = 1_000_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;

    private static byte[] metered(final String fixture) {
        return ModuleInstrumenter.instrument(fixture, WasmFixtures.load(fixture), BUDGET, 0).bytes();
    }

    /** Sets the budget, calls, and returns {result, fuel used}. */
    private static long[] callMetered(final GuestRunner runner, final String export, final Object... args) {
        runner.fuel(BUDGET);
        final long result = runner.call(export, args);
        return new long[] {result, BUDGET - runner.fuel()};
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void infiniteLoopTrapsWithFuelBelowZero(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            runner.fuel(10_000);
            assertThrows(GuestTrap.class, () -> runner.run("spin"));
            assertEquals(-1, runner.fuel(), "one fuel per iteration, trapping as soon as the counter is negative");

            runner.fuel(10_000);
            assertThrows(GuestTrap.class, () -> runner.run("spin"), "the instance stays usable after a fuel trap");
            assertEquals(-1, runner.fuel());
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void boundedLoopComputesTheSumAndPaysFourteenPerIteration(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            for (final int n : new int[] {0, 1, 10, 1000, 1000}) {
                final long[] outcome = callMetered(runner, "sum", n);
                assertEquals((long) n * (n - 1) / 2, outcome[0]);
                assertEquals(14L * n + 7, outcome[1], "fuel for sum(" + n + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void anExactBudgetSucceedsAndOneLessTraps(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            runner.fuel(147);
            assertEquals(45, runner.call("sum", 10));
            assertEquals(0, runner.fuel());

            runner.fuel(146);
            assertThrows(GuestTrap.class, () -> runner.call("sum", 10));
            assertTrue(runner.fuel() < 0, "a fuel trap leaves the counter negative");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void genuineTrapLeavesFuelNonNegative(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            runner.fuel(BUDGET);
            assertThrows(GuestTrap.class, () -> runner.call("divide", 1, 0));
            assertEquals(BUDGET, runner.fuel(), "the global holds the value of the last boundary (function entry)");

            runner.fuel(1);
            assertThrows(GuestTrap.class, () -> runner.call("divide", 1, 0));
            assertEquals(-2, runner.fuel(), "with too little fuel the same call is a fuel trap");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void straightLineBrTableAndIfElseCostWhatTheyExecute(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {7, 3}, callMetered(runner, "add", 3, 4));
            assertArrayEquals(new long[] {100, 8}, callMetered(runner, "classify", 0));
            assertArrayEquals(new long[] {101, 8}, callMetered(runner, "classify", 1));
            assertArrayEquals(new long[] {102, 8}, callMetered(runner, "classify", 2));
            assertArrayEquals(new long[] {-1, 7}, callMetered(runner, "classify", 9));
            assertArrayEquals(new long[] {-1, 7}, callMetered(runner, "classify", -1));
            assertArrayEquals(new long[] {-1, 5}, callMetered(runner, "sign", -5));
            assertArrayEquals(new long[] {0, 8}, callMetered(runner, "sign", 0));
            assertArrayEquals(new long[] {1, 8}, callMetered(runner, "sign", 9));
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void branchesOutOfTheFunctionLeaveTheGlobalExact(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {7, 3}, callMetered(runner, "early", 1));
            assertArrayEquals(new long[] {9, 5}, callMetered(runner, "early", 0));
            for (final int x : new int[] {0, 5}) {
                runner.fuel(BUDGET);
                runner.run("table_exit", x);
                assertEquals(x == 0 ? 4 : 3, BUDGET - runner.fuel(), "table_exit(" + x + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void recursionChargesEveryCall(final GuestEngine engine) {
        try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
            // fib(15) makes 987 base-case calls costing 5 and 986 inner calls costing 13
            assertArrayEquals(new long[] {610, 5 * 987 + 13 * 986}, callMetered(runner, "fib", 15));
            assertArrayEquals(new long[] {1000, 9 * 1000 + 5}, callMetered(runner, "down", 1000));

            runner.fuel(9 * 500);
            assertThrows(GuestTrap.class, () -> runner.call("down", 1000));
            assertTrue(runner.fuel() < 0);
        }
    }

    @Test
    void fuelUsedIsIdenticalOnEveryEngineAndEveryRepetition() {
        final Map<GuestEngine, long[]> used = new EnumMap<>(GuestEngine.class);
        for (final GuestEngine engine : GuestEngine.values()) {
            try (GuestRunner runner = engine.load(metered("control"), HostEnvironment.NONE)) {
                final long[] fuel = new long[6];
                for (int repetition = 0; repetition < 2; repetition++) {
                    fuel[repetition * 3] = callMetered(runner, "fib", 12)[1];
                    fuel[repetition * 3 + 1] = callMetered(runner, "sum", 333)[1];
                    fuel[repetition * 3 + 2] = callMetered(runner, "classify", 1)[1];
                }
                used.put(engine, fuel);
            }
        }
        final long[] reference = used.get(GuestEngine.WASMTIME);
        assertArrayEquals(new long[] {reference[0], reference[1], reference[2]},
            new long[] {reference[3], reference[4], reference[5]}, "repetitions");
        used.forEach((engine, fuel) -> assertArrayEquals(reference, fuel, engine.name()));
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void importedFunctionsAndGlobalsKeepTheirIndices(final GuestEngine engine) {
        final byte[] wasm = metered("imports");
        try (GuestRunner runner = engine.load(wasm, HostEnvironment.IMPORTS)) {
            final long expected = 2 * 5 + HostEnvironment.BASE + 1000 + 3;
            assertArrayEquals(new long[] {expected, 12}, callMetered(runner, "compute", 5));
            assertArrayEquals(new long[] {expected, 12}, callMetered(runner, "compute", 5));
            assertEquals(2, runner.call("counter"), "the imported mutable global was updated, not the fuel global");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void startFunctionIsMeteredWithTheInitialFuel(final GuestEngine engine) {
        final byte[] enough = ModuleInstrumenter.instrument(WasmFixtures.load("start_only"), 1000, 0).bytes();
        try (GuestRunner runner = engine.load(enough, HostEnvironment.NONE)) {
            assertEquals(1000 - (1 + 8 * 20), runner.fuel(), "loop entry 1, then 8 per iteration, 20 iterations");
        }
        final byte[] tooLittle = ModuleInstrumenter.instrument(WasmFixtures.load("start_only"), 100, 0).bytes();
        assertThrows(GuestTrap.class, () -> engine.load(tooLittle, HostEnvironment.NONE).close());
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void postMvpFeaturesBehaveAsBeforeInstrumentation(final GuestEngine engine) {
        final byte[] original = WasmFixtures.load("features");
        final Object[][] calls = {
            {"started", 1}, {"apply", 12, 0, 7, 5}, {"apply", 2, 1, 7, 5}, {"apply", 35, 2, 7, 5}, {"pair", 61, 20},
            {"loop_params", 105, 5}, {"if_params", 9, 0}, {"if_params", 11, 3}, {"pick", 9, 0}, {"pick", 7, 1},
            {"extend8", -1, 0xFF}, {"truncsat", Integer.MAX_VALUE, 1e20}, {"truncsat", -2, -2.7}, {"bulk", 1410},
            {"refs", 5}, {"globals", 43},
        };
        try (GuestRunner plain = engine.load(original, HostEnvironment.NONE);
             GuestRunner meteredRunner = engine.load(metered("features"), HostEnvironment.NONE)) {
            for (final Object[] call : calls) {
                final String export = (String) call[0];
                final long expected = ((Integer) call[1]).longValue();
                final Object[] args = Arrays.copyOfRange(call, 2, call.length);
                assertEquals(expected, plain.call(export, args), export + " on the original module");
                meteredRunner.fuel(BUDGET);
                assertEquals(expected, meteredRunner.call(export, args), export + " on the metered module");
                assertTrue(meteredRunner.fuel() < BUDGET, export + " charged fuel");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void memoryGrowPastTheCapFailsEvenWithoutFuel(final GuestEngine engine) {
        final InstrumentedModule capped = ModuleInstrumenter.instrument(WasmFixtures.load("control"), 0,
            4L * PAGE + PAGE - 1);
        assertEquals(4, capped.maxPages());
        try (GuestRunner runner = engine.load(capped.bytes(), HostEnvironment.NONE)) {
            assertEquals(1, runner.call("grow", 2));
            assertEquals(-1, runner.call("grow", 2));
            assertEquals(3, runner.call("grow", 1));
            assertEquals(4, runner.call("pages"));
            assertEquals(-1, runner.call("grow", 1));
        }
    }

    @ParameterizedTest
    @EnumSource(GuestEngine.class)
    void cappedImportedMemoryLinksWithAHostMemoryWithinTheCap(final GuestEngine engine) {
        final byte[] capped = ModuleInstrumenter.instrument(WasmFixtures.load("imported_memory"), BUDGET,
            4L * PAGE).bytes();
        try (GuestRunner runner = engine.load(capped, HostEnvironment.memory(4))) {
            assertEquals(1, runner.call("grow", 3));
            assertEquals(-1, runner.call("grow", 1));
        }
    }

    /**
     * Wasmtime 7 has no tail calls, and the Chicory 1.7.5 interpreter fails a self tail call in any function with
     * declared locals (it copies all locals from the arguments), instrumented or not; its compiler is correct.
     */
    @Test
    void tailCallsAreMeteredOnTheChicoryCompiler() {
        try (GuestRunner runner = GuestEngine.CHICORY_COMPILER.load(metered("tail_call"), HostEnvironment.NONE)) {
            assertArrayEquals(new long[] {0, 7 * 100 + 5}, callMetered(runner, "countdown", 100));

            runner.fuel(7 * 50);
            assertThrows(GuestTrap.class, () -> runner.call("countdown", 100));
            assertTrue(runner.fuel() < 0);
        }
    }
}
