package io.torvyn.engine.wasm.component;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.wasm.WasmCallException;
import io.torvyn.engine.wasm.WasmFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static io.torvyn.engine.wasm.component.ComponentFlows.node;
import static io.torvyn.engine.wasm.component.ComponentFlows.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One purpose-written module per failure, on both engines: the code, the flow surviving (or not) per error_policy,
 * re-instantiation after E04xx, and every buffer back in its pool at the end.
 */
class ComponentFailureTest {

    private static ComponentFlows.Finished through(final String engine, final String module, final int count,
                                                   final String policy, final String... lines) throws Exception {
        final String[] runtimeLines = new String[lines.length + 1];
        runtimeLines[0] = "error_policy = \"" + policy + "\"";
        System.arraycopy(lines, 0, runtimeLines, 1, lines.length);
        final String toml = runtime(engine, runtimeLines) + generator("gen", count, 32, "sequence")
            + node("m", "file:" + module, null) + collect("out", count) + edges("gen", "m", "m", "out");
        return ComponentFlows.run(toml);
    }

    private static WasmCallException callFailure(final TorvynException e) {
        return assertInstanceOf(WasmCallException.class, e);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void anInfiniteLoopRunsOutOfFuelAndOnlyItsElementIsSkipped(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "spin.wasm", 20, "skip-element",
            "fuel_per_invocation = 20000")) {
            assertNull(f.summary().outcome());
            assertEquals(16, f.received("out"));
            assertEquals(4, f.node("m").errors());
            final WasmCallException e = callFailure(f.wasm("m").lastFailure());
            assertEquals(ErrorCode.E0401, e.code());
            assertEquals(WasmFailures.REASON_FUEL, e.reason());
            assertEquals(4, f.wasm("m").instantiations(), "a fresh instance before the call after each E0401 (the "
                + "last element fails last)");
            assertTrue(f.node("m").fuel() >= 4 * 20_000L, "exhausted budgets are charged");
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void anInfiniteLoopFailsFastWithE0401(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "spin.wasm", 20, "fail-fast", "fuel_per_invocation = 20000")) {
            final Problem outcome = f.summary().outcome();
            assertEquals(ErrorCode.E0401, outcome.code());
            assertTrue(outcome.message().contains("fuel"), outcome.message());
            assertEquals(WasmFailures.REASON_FUEL, callFailure(f.run().control().failure()).reason());
            assertTrue(f.received("out") <= 4);
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void withoutFuelTheInvocationTimeoutStopsTheLoop(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "spin.wasm", 10, "skip-element", "fuel_per_invocation = 0",
            "invocation_timeout = \"200ms\"")) {
            assertNull(f.summary().outcome());
            assertEquals(8, f.received("out"));
            assertEquals(2, f.node("m").errors());
            final WasmCallException e = callFailure(f.wasm("m").lastFailure());
            assertEquals(ErrorCode.E0401, e.code());
            assertEquals(WasmFailures.REASON_DEADLINE, e.reason());
            assertEquals(0, f.node("m").fuel(), "unmetered");
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aMemoryBombHitsTheCapAndTraps(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "membomb.wasm", 10, "skip-element",
            "max_memory_per_component = \"1MiB\"")) {
            assertNull(f.summary().outcome());
            assertEquals(8, f.received("out"));
            assertEquals(2, f.node("m").errors());
            final WasmCallException e = callFailure(f.wasm("m").lastFailure());
            assertEquals(ErrorCode.E0403, e.code());
            assertEquals(WasmFailures.REASON_UNREACHABLE, e.reason(), "memory.grow said -1 at the cap");
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aModuleWhoseMinimumMemoryIsAboveTheCapIsRefusedAtLoad(final String engine) {
        final String toml = runtime(engine, "max_memory_per_component = \"1MiB\"")
            + generator("gen", 10, 32, "sequence")
            + node("m", "file:bigmin.wasm", null) + collect("out", 10) + edges("gen", "m", "m", "out");
        final List<Problem> problems = Flows.check(ComponentFlows.config(toml));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ErrorCode.E0404, problems.get(0).code());
        final TorvynException e = assertThrows(TorvynException.class,
            () -> Flows.prepare(ComponentFlows.config(toml), null, new RunOptions(-1, 0)));
        assertEquals(ErrorCode.E0404, e.code());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aTrapEveryFourthElementKeepsThreeOfFour(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "trap_nth.wasm", 40, "skip-element")) {
            assertNull(f.summary().outcome());
            assertEquals(30, f.received("out"));
            for (final byte[] p : f.payloads("out")) {
                assertTrue(WasmComponentFlowTest.littleEndianLong(java.util.Arrays.copyOf(p, 8)) % 4 != 3);
            }
            assertEquals(10, f.node("m").errors());
            assertEquals(ErrorCode.E0403, f.wasm("m").lastFailure().code());
            assertEquals(10, f.wasm("m").instantiations(), "re-instantiated before each call that follows a trap");
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aTrapIsRetriedThenSkipped(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "trap_nth.wasm", 40, "retry:2")) {
            assertNull(f.summary().outcome());
            assertEquals(30, f.received("out"));
            assertEquals(30, f.node("m").errors(), "three attempts per failing element");
            assertEquals(30, f.wasm("m").instantiations());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aTrapFailsFastWithE0403(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "trap_nth.wasm", 40, "fail-fast")) {
            assertEquals(ErrorCode.E0403, f.summary().outcome().code());
            assertTrue(f.received("out") <= 3);
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aHandleKeptAcrossCallsIsStale(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "keep_handle.wasm", 10, "skip-element")) {
            assertNull(f.summary().outcome());
            assertEquals(1, f.received("out"), "only the first call has no kept handle");
            assertEquals(9, f.node("m").errors());
            assertEquals(ErrorCode.E0303, f.wasm("m").lastFailure().code());
            assertEquals(1, f.wasm("m").instantiations(), "E0303 is no E04xx: the instance stays");
            assertTrue(f.summary().poolsFull());
        }
        try (ComponentFlows.Finished f = through(engine, "keep_handle.wasm", 10, "fail-fast")) {
            assertEquals(ErrorCode.E0303, f.summary().outcome().code());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aWriteToABorrowedInputIsNotOwner(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "write_borrowed.wasm", 10, "fail-fast")) {
            final Problem outcome = f.summary().outcome();
            assertEquals(ErrorCode.E0302, outcome.code(), outcome.message());
            assertTrue(outcome.message().contains("buffer_write"));
            assertEquals(0, f.received("out"));
            assertEquals(0, f.node("m").writes(), "nothing was written");
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void failAttachesItsMessageToTheE0405(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "reject.wasm", 10, "fail-fast")) {
            final Problem outcome = f.summary().outcome();
            assertEquals(ErrorCode.E0405, outcome.code());
            assertTrue(outcome.message().contains("invalid-input"), outcome.message());
            assertTrue(outcome.message().contains("bad record"), outcome.message());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aFatalResultStopsTheFlowEvenUnderSkipElement(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "fatal.wasm", 50, "skip-element")) {
            final Problem outcome = f.summary().outcome();
            assertEquals(ErrorCode.E0410, outcome.code());
            assertTrue(outcome.message().contains("fatal"), outcome.message());
            assertTrue(f.received("out") <= 3);
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aFailingInitStopsTheFlowStartWithE0410(final String engine) throws Exception {
        try (ComponentFlows.Finished f = through(engine, "init_fail.wasm", 50, "skip-element")) {
            final Problem outcome = f.summary().outcome();
            assertEquals(ErrorCode.E0410, outcome.code());
            assertTrue(outcome.message().contains("torvyn_init"), outcome.message());
            assertTrue(outcome.message().contains("missing config"), outcome.message());
            assertEquals(0, f.received("out"));
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void checkReportsAnUnknownImport(final String engine) {
        final String toml = runtime(engine) + generator("gen", 10, 32, "sequence")
            + node("m", "file:unknown_import.wasm", null) + node("m2", "file:unknown_import.wat", null)
            + collect("out", 10) + edges("gen", "m", "m", "m2", "m2", "out");
        final List<Problem> problems = Flows.check(ComponentFlows.config(toml));
        assertEquals(ErrorCode.E0102, problems.get(0).code(), problems.toString());
        assertTrue(problems.get(0).message().contains("buffer_frobnicate"));
        assertEquals(2, problems.size(), "one per module file: " + problems);
        final TorvynException e = assertThrows(TorvynException.class,
            () -> Flows.prepare(ComponentFlows.config(toml), null, new RunOptions(-1, 0)));
        assertEquals(ErrorCode.E0102, e.code());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void checkReportsMissingExports(final String engine) {
        final String toml = runtime(engine) + generator("gen", 10, 32, "sequence")
            + node("agg", "file:ingest_only.wasm", null) + node("sink", "file:passthrough.wasm", null)
            + edges("gen", "agg", "agg", "sink");
        final List<Problem> problems = Flows.check(ComponentFlows.config(toml));
        assertTrue(problems.stream().allMatch(p -> p.code() == ErrorCode.E0101), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("torvyn_push")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("torvyn_flush")), problems.toString());
    }

    @Test
    void checkReportsAModuleThatIsNotWasm(@TempDir final Path dir) throws Exception {
        final Path garbage = dir.resolve("garbage.wasm");
        Files.write(garbage, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 42, 42, 42});
        final String toml = generator("gen", 10, 32, "sequence") + node("m", "file:" + garbage, null)
            + collect("out", 10) + edges("gen", "m", "m", "out");
        final List<Problem> problems = Flows.check(ComponentFlows.config(toml));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ErrorCode.E0100, problems.get(0).code());
        assertNotNull(problems.get(0).where());
    }
}
