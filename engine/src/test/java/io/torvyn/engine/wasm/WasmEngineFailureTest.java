package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Traps, deadlines, fuel, memory limits and link errors map to the same spec codes on both engines. */
class WasmEngineFailureTest {

    private static final long TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(200);

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void trapsRaiseE0403WithTheirReasonAndTheInstanceStaysUsable(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults().withWhere("flow.main.nodes.t"))) {
            assertTrap(WasmFailures.REASON_UNREACHABLE, () -> instance.function("unreachable").callI32());
            assertTrap(WasmFailures.REASON_OUT_OF_BOUNDS, () -> instance.function("oob").callI32());
            assertTrap(WasmFailures.REASON_DIVISION_BY_ZERO, () -> instance.function("div0").callI32(0));
            assertTrap(WasmFailures.REASON_STACK_OVERFLOW, () -> instance.function("recurse").callI32());
            assertEquals(42, instance.function("ok").callI32());
            assertEquals(-1, instance.function("div0").callI32(-1));
        }
    }

    private static void assertTrap(final String reason, final Runnable call) {
        final WasmCallException e = assertThrows(WasmCallException.class, call::run);
        assertEquals(ErrorCode.E0403, e.code());
        assertEquals(reason, e.reason());
        assertEquals("flow.main.nodes.t", e.problem().where());
        assertTrue(e.problem().message().contains(reason), e.problem().message());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anInfiniteLoopHitsTheDeadlineAndTheInstanceRecovers(final String engine) {
        final WasmModule module = TestModules.module(engine, "traps");
        final InstanceOptions options = InstanceOptions.defaults().withInvocationTimeoutNs(TIMEOUT_NS);
        try (WasmInstance instance = module.instantiate(new FakeHost(), options)) {
            final WasmCallException e = assertThrows(WasmCallException.class,
                () -> instance.function("spin").callI32());
            assertEquals(ErrorCode.E0401, e.code());
            assertEquals(WasmFailures.REASON_DEADLINE, e.reason());
            assertFalse(Thread.currentThread().isInterrupted());

            assertEquals(42, instance.function("ok").callI32());
            assertEquals(42, instance.function("ok").callI32());
        }
        try (WasmInstance fresh = module.instantiate(new FakeHost(), options)) {
            assertEquals(42, fresh.function("ok").callI32());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aTrapWithTheFuelGlobalBelowZeroIsAFuelTimeout(final String engine) {
        final InstanceOptions options = InstanceOptions.defaults().withFuelGlobal("torvyn_fuel");
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(), options)) {
            instance.setGlobalI64("torvyn_fuel", 10);
            final WasmCallException e = assertThrows(WasmCallException.class,
                () -> instance.function("burn").callI32(30));
            assertEquals(ErrorCode.E0401, e.code());
            assertEquals(WasmFailures.REASON_FUEL, e.reason());

            instance.setGlobalI64("torvyn_fuel", 100);
            final WasmCallException trap = assertThrows(WasmCallException.class,
                () -> instance.function("unreachable").callI32());
            assertEquals(ErrorCode.E0403, trap.code());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aMissingFuelGlobalIsRefusedAtInstantiation(final String engine) {
        final TorvynException e = assertThrows(TorvynException.class, () -> TestModules.module(engine, "filter")
            .instantiate(new FakeHost(), InstanceOptions.defaults().withFuelGlobal("torvyn_fuel")));
        assertEquals(ErrorCode.E0101, e.code());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aTorvynExceptionFromAHostImportPropagatesUnchanged(final String engine) {
        final FakeHost host = new FakeHost().payload(1, "payload");
        final TorvynException thrown = new TorvynException(new Problem(ErrorCode.E0303, "stale handle 1", "test",
            "none"));
        host.throwOnSize = thrown;
        try (WasmInstance instance = TestModules.module(engine, "filter").instantiate(host,
            InstanceOptions.defaults())) {
            final TorvynException e = assertThrows(TorvynException.class,
                () -> instance.function("torvyn_evaluate").callI32(1));
            assertSame(thrown, e);

            host.throwOnSize = null;
            assertEquals(0, instance.function("torvyn_evaluate").callI32(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void anyOtherHostExceptionIsAnInternalError(final String engine) {
        final FakeHost host = new FakeHost();
        final IllegalStateException bug = new IllegalStateException("host bug");
        host.throwOnSize = bug;
        try (WasmInstance instance = TestModules.module(engine, "filter").instantiate(host,
            InstanceOptions.defaults())) {
            final TorvynException e = assertThrows(TorvynException.class,
                () -> instance.function("torvyn_evaluate").callI32(1));
            assertEquals(ErrorCode.E0900, e.code());
            assertSame(bug, e.getCause());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void unknownImportsAreE0102(final String engine) {
        assertLinkFails(engine, "unknown_import", false, ErrorCode.E0102, "\"torvyn\".\"buffer_frobnicate\"");
        assertLinkFails(engine, "foreign_import", false, ErrorCode.E0102, "\"env\".\"abort\"");
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aWronglyTypedImportIsE0103(final String engine) {
        assertLinkFails(engine, "bad_signature", false, ErrorCode.E0103, "(i32) -> (i32), expected (i32) -> (i64)");
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aWasiImportWithoutWasiIsCapabilityDenied(final String engine) {
        assertLinkFails(engine, "wasi_hello", false, ErrorCode.E0500, "fd_write");
    }

    private static void assertLinkFails(final String engine, final String module, final boolean wasi,
                                        final ErrorCode code, final String detail) {
        final TorvynException e = assertThrows(TorvynException.class, () -> TestModules.module(engine, module)
            .instantiate(new FakeHost(), InstanceOptions.defaults().withWasi(wasi)));
        assertEquals(code, e.code());
        assertTrue(e.problem().message().contains(detail), e.problem().message());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aMemoryMinimumAboveTheCapIsE0404(final String engine) {
        final WasmModule module = TestModules.module(engine, "big_memory");
        final WasmCallException e = assertThrows(WasmCallException.class,
            () -> module.instantiate(new FakeHost(), InstanceOptions.defaults().withMaxMemoryBytes(65_536)));
        assertEquals(ErrorCode.E0404, e.code());
        try (WasmInstance fits = module.instantiate(new FakeHost(),
            InstanceOptions.defaults().withMaxMemoryBytes(4 * 65_536))) {
            assertEquals(4 * 65_536, fits.memory().size());
        }
    }

    /** wasmtime-java reports a trap during instantiation without its trap code, so only chicory names it. */
    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aTrapInTheStartFunctionFailsInstantiationWithE0403(final String engine) {
        final WasmCallException e = assertThrows(WasmCallException.class, () -> TestModules
            .module(engine, "start_trap").instantiate(new FakeHost(), InstanceOptions.defaults()));
        assertEquals(ErrorCode.E0403, e.code());
        assertEquals(engine.equals("chicory") ? WasmFailures.REASON_UNREACHABLE : WasmFailures.REASON_TRAP,
            e.reason());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void callingAnExportThroughTheWrongEntryPointIsE0103(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            final TorvynException e = assertThrows(TorvynException.class, () -> instance.function("ok").callI32(1));
            assertEquals(ErrorCode.E0103, e.code());
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class,
                () -> instance.setGlobalI64("const_global", 1)).code());
            assertEquals(ErrorCode.E0103, assertThrows(TorvynException.class,
                () -> instance.global("i32_global")).code());
            assertEquals(ErrorCode.E0101, assertThrows(TorvynException.class,
                () -> instance.getGlobalI64("absent")).code());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void bytesThatAreNotAModuleAreE0100(final String engine) {
        final byte[] garbage = {0, 'a', 's', 'm', 1, 0, 0, 0, 42, 42, 42};
        final TorvynException e = assertThrows(TorvynException.class,
            () -> TestModules.engine(engine).compile(garbage, "garbage.wasm"));
        assertEquals(ErrorCode.E0100, e.code());
        assertEquals("garbage.wasm", e.problem().where());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void watTextThatDoesNotCompileIsE0100OrToolchainMissing(final String engine) {
        final byte[] text = "(module (func (export \"f\") (result i32) i64.const 1))".getBytes(StandardCharsets.UTF_8);
        final TorvynException e = assertThrows(TorvynException.class,
            () -> TestModules.engine(engine).compile(text, "bad.wat"));
        assertEquals(WatCompiler.available() ? ErrorCode.E0100 : ErrorCode.E0010, e.code());
    }
}
