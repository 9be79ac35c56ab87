package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WasmInstance#metered(String)} and {@link WasmInstance#meteredBatch(String)} twins behave the same on both
 * engines, in success and in failure.
 */
class MeteredCallTest {

    private static final long BUDGET = 1_000_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;
    private static final String PROCESS_BATCH = "torvyn_process_batch";
    /** Where the batch fixture's torvyn_batch_area puts the area: at the address it is given. */
    private static final int AREA = 1024;
    private static final InstanceOptions METERED = InstanceOptions.defaults()
        .withFuelGlobal(ModuleInstrumenter.FUEL_GLOBAL_EXPORT).withWhere("flow.main.nodes.m");

    private static WasmInstance meteredInstance(final String engine, final long budget) {
        final byte[] wasm = ModuleInstrumenter.instrument(TestModules.bytes("metered.wasm"), budget, 0).bytes();
        return TestModules.engine(engine).compile(wasm, "metered.wasm").instantiate(new FakeHost(), METERED);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aTwinRunsTheExportWithTheBudgetAndReportsTheFuelUsed(final String engine) {
        try (WasmInstance instance = meteredInstance(engine, BUDGET)) {
            final MeteredFunction twin = instance.metered("double");
            assertSame(twin, instance.metered("double"), "cached");
            assertEquals("double", twin.name());
            assertEquals(instance.function("double").signature(), twin.signature());

            instance.setGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT, 5);
            assertEquals(42, twin.callI32(21));
            assertEquals(3, twin.fuelUsed());
            assertEquals(BUDGET - 3, instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT),
                "the twin starts from the full budget, whatever the global held");
            assertEquals(-8, twin.callI32(-4), "a negative result survives the packing");

            final MeteredFunction pages = instance.metered("pages");
            assertEquals(1, pages.callI32());
            assertEquals(1, pages.fuelUsed());

            final MeteredFunction nothing = instance.metered("nothing");
            nothing.callVoid();
            assertEquals(0, nothing.fuelUsed());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aBudgetAbove31BitsUsesTheUnpackedWrapperWithTheSameResults(final String engine) {
        final long budget = 1L << 40;
        try (WasmInstance instance = meteredInstance(engine, budget)) {
            final MeteredFunction twin = instance.metered("double");
            assertEquals(-8, twin.callI32(-4));
            assertEquals(3, twin.fuelUsed());
            assertEquals(budget - 3, instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT));
            assertEquals(1, instance.metered("pages").callI32());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void theMemoryViewFollowsAGrowInsideATwin(final String engine) {
        try (WasmInstance instance = meteredInstance(engine, BUDGET)) {
            final WasmMemory memory = instance.memory();
            memory.writeInt(PAGE - 4, 0x1234_5678);
            assertEquals(PAGE, memory.size());
            assertEquals(1, instance.metered("grow").callI32(2));
            assertEquals(3L * PAGE, memory.size());
            memory.writeInt(3 * PAGE - 4, 0x0BAD_CAFE);
            assertEquals(0x0BAD_CAFE, memory.readInt(3 * PAGE - 4));
            assertEquals(0x1234_5678, memory.readInt(PAGE - 4));
            assertEquals(3, instance.metered("pages").callI32());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void failuresThroughATwinAreClassifiedAsForAPlainCall(final String engine) {
        try (WasmInstance instance = meteredInstance(engine, 10_000)) {
            final MeteredFunction twin = instance.metered("double");
            twin.callI32(1);

            final WasmCallException fuel = assertThrows(WasmCallException.class,
                () -> instance.metered("spin").callVoid());
            assertEquals(ErrorCode.E0401, fuel.code());
            assertEquals(WasmFailures.REASON_FUEL, fuel.reason());
            assertEquals(-1, instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT));

            final WasmCallException trap = assertThrows(WasmCallException.class,
                () -> instance.metered("trap").callI32());
            assertEquals(ErrorCode.E0403, trap.code());
            assertEquals(WasmFailures.REASON_UNREACHABLE, trap.reason());
            assertEquals(10_000, instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT),
                "a genuine trap: the value of the last boundary (function entry)");

            assertEquals(3, twin.fuelUsed(), "a failed call of another twin leaves this one alone");
            assertEquals(10, twin.callI32(5), "the instance stays usable");
            assertEquals(3, twin.fuelUsed());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void callingATwinThroughTheWrongEntryPointIsE0103(final String engine) {
        try (WasmInstance instance = meteredInstance(engine, BUDGET)) {
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class,
                () -> instance.metered("double").callI32()).code());
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class,
                () -> instance.metered("pages").callVoid()).code());
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class,
                () -> instance.metered("nothing").callI32(1)).code());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void thereIsNoTwinWithoutMeteringForTwoResultsOrForAnAbsentExport(final String engine) {
        try (WasmInstance instance = meteredInstance(engine, BUDGET)) {
            assertNull(instance.metered("swap"), "two results");
            assertNull(instance.metered("absent"));
            assertNull(instance.metered(ModuleInstrumenter.meteredExport("double")), "a wrapper has no wrapper");
        }
        try (WasmInstance plain = TestModules.module(engine, "metered").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            assertNotNull(plain.function("double"));
            assertNull(plain.metered("double"), "not instrumented");
        }
    }

    /** Only a module loaded without the instrumenter can carry one: a metered load refuses the reserved prefix. */
    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aWrapperExportOfAnotherTypeIsE0103(final String engine) {
        final WasmModule module = TestModules.engine(engine).compile(instrumenterFixture("reserved_name.wasm"),
            "reserved_name.wasm");
        try (WasmInstance instance = module.instantiate(new FakeHost(), InstanceOptions.defaults())) {
            final TorvynException e = assertThrows(TorvynException.class, () -> instance.metered("f"));
            assertEquals(ErrorCode.E0103, e.code());
            assertTrue(e.problem().message().contains("has type () -> (i32), expected () -> (i32, i64)"),
                e.problem().message());
        }
    }

    private static WasmInstance batchInstance(final String engine, final long budget) {
        final byte[] wasm = ModuleInstrumenter.instrument(instrumenterFixture("batch.wasm"), budget, 0).bytes();
        return TestModules.engine(engine).compile(wasm, "batch.wasm").instantiate(new FakeHost(), METERED);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aBatchTwinTakesTheCountFromTheHeaderOfTheAreaTheAreaTwinReturned(final String engine) {
        try (WasmInstance instance = batchInstance(engine, BUDGET)) {
            final MeteredFunction twin = instance.meteredBatch(PROCESS_BATCH);
            assertSame(twin, instance.meteredBatch(PROCESS_BATCH), "cached");
            assertEquals(PROCESS_BATCH, twin.name());
            assertEquals(FunctionSignature.function(ValueType.I32), twin.signature());

            assertEquals(AREA, instance.metered(ModuleContract.BATCH_AREA).callI32(AREA));
            final MeteredFunction withCount = instance.metered(PROCESS_BATCH);
            for (final int count : new int[] {0, 3, 256}) {
                instance.memory().writeInt(AREA + ModuleInstrumenter.BATCH_COUNT_OFFSET, count);
                final int result = twin.callI32();
                assertEquals(withCount.callI32(count), result, "count " + count);
                assertEquals(withCount.fuelUsed(), twin.fuelUsed(), "fuel for count " + count);
                assertEquals(BUDGET - twin.fuelUsed(), instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT));
            }
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class, () -> twin.callI32(256)).code(),
                "the batch twin takes no argument");
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aBatchTwinWithABudgetAbove31BitsGivesTheSameResults(final String engine) {
        final long budget = 1L << 40;
        try (WasmInstance instance = batchInstance(engine, budget)) {
            assertEquals(AREA, instance.metered(ModuleContract.BATCH_AREA).callI32(AREA));
            instance.memory().writeInt(AREA, 4);
            final MeteredFunction twin = instance.meteredBatch("torvyn_evaluate_batch");
            assertEquals(-25, twin.callI32());
            final MeteredFunction withCount = instance.metered("torvyn_evaluate_batch");
            assertEquals(-25, withCount.callI32(4));
            assertEquals(withCount.fuelUsed(), twin.fuelUsed());
            assertEquals(budget - twin.fuelUsed(), instance.getGlobalI64(ModuleInstrumenter.FUEL_GLOBAL_EXPORT));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void failuresThroughABatchTwinAreClassifiedAsThroughTheOneArgumentTwin(final String engine) {
        try (WasmInstance instance = batchInstance(engine, 200)) {
            final WasmCallException noArea = assertThrows(WasmCallException.class,
                () -> instance.meteredBatch(PROCESS_BATCH).callI32());
            assertEquals(ErrorCode.E0403, noArea.code(), "called before the area is known");
            assertEquals(WasmFailures.REASON_UNREACHABLE, noArea.reason());
            instance.metered(ModuleContract.BATCH_AREA).callI32(AREA);

            instance.memory().writeInt(AREA, 0);
            final WasmCallException trap = assertThrows(WasmCallException.class,
                () -> instance.meteredBatch("torvyn_evaluate_batch").callI32());
            assertEquals(ErrorCode.E0403, trap.code(), "division by zero");
            assertEquals(WasmFailures.REASON_DIVISION_BY_ZERO, trap.reason());

            instance.memory().writeInt(AREA, 1000);
            final WasmCallException fuel = assertThrows(WasmCallException.class,
                () -> instance.meteredBatch(PROCESS_BATCH).callI32());
            assertEquals(ErrorCode.E0401, fuel.code());
            assertEquals(WasmFailures.REASON_FUEL, fuel.reason());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void thereIsNoBatchTwinWithoutMeteringOrForOtherExports(final String engine) {
        try (WasmInstance instance = batchInstance(engine, BUDGET)) {
            assertNull(instance.meteredBatch("torvyn_process"), "not a batch export");
            assertNull(instance.meteredBatch("torvyn_ingest_batch"), "not (i32) -> (i32)");
            assertNull(instance.meteredBatch("absent"));
        }
        try (WasmInstance instance = meteredInstance(engine, BUDGET)) {
            assertNull(instance.meteredBatch("double"), "no batch area");
        }
        final WasmModule plain = TestModules.engine(engine).compile(instrumenterFixture("batch.wasm"), "batch.wasm");
        try (WasmInstance instance = plain.instantiate(new FakeHost(), InstanceOptions.defaults())) {
            assertNull(instance.meteredBatch(PROCESS_BATCH), "not instrumented");
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aBatchWrapperExportOfAnotherTypeIsE0103(final String engine) {
        final WasmModule module = TestModules.engine(engine).compile(instrumenterFixture("reserved_batch_name.wasm"),
            "reserved_batch_name.wasm");
        try (WasmInstance instance = module.instantiate(new FakeHost(), InstanceOptions.defaults())) {
            final TorvynException e = assertThrows(TorvynException.class, () -> instance.meteredBatch("f"));
            assertEquals(ErrorCode.E0103, e.code());
            assertTrue(e.problem().message().contains("has type () -> (i32), expected () -> (i32, i64)"),
                e.problem().message());
        }
    }

    private static byte[] instrumenterFixture(final String name) {
        try (InputStream in = MeteredCallTest.class.getResourceAsStream("/wasm/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
