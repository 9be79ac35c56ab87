package io.torvyn.engine.wasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls into guests and back out through the host imports, identically on both engines. */
class WasmEngineCallTest {

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void filterCallsBufferSizeThroughTheHost(final String engine) {
        final FakeHost host = new FakeHost().payload(1, "a payload longer than ten").payload(2, "short");
        try (WasmInstance instance = TestModules.module(engine, "filter").instantiate(host,
            InstanceOptions.defaults())) {
            final WasmFunction evaluate = instance.function("torvyn_evaluate");
            assertEquals(1, evaluate.callI32(1));
            assertEquals(0, evaluate.callI32(2));
            assertEquals(List.of("buffer_size(1)", "buffer_size(2)"), host.calls);
            assertSame(evaluate, instance.function("torvyn_evaluate"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void processorReadsAllocatesAndWritesThroughMemoryPointers(final String engine) {
        final FakeHost host = new FakeHost().payload(1, "HAL");
        try (WasmInstance instance = TestModules.module(engine, "processor").instantiate(host,
            InstanceOptions.defaults())) {
            assertSame(instance.memory(), host.memory);
            final int out = instance.function("torvyn_process").callI32(1);

            assertEquals(100, out);
            assertEquals("IBM", host.payloadText(out));
            assertEquals(List.of("buffer_read(1, 0, 1024, 256)", "buffer_alloc(3)", "buffer_write(100, 0, 1024, 3)",
                "log(2)"), host.calls);
            assertEquals(List.of("processed"), host.logLines);
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void aHostCopyOutsideTheMemoryReturnsMinus11ToTheGuest(final String engine) {
        final FakeHost host = new FakeHost().payload(1, "x".repeat(64));
        try (WasmInstance instance = TestModules.module(engine, "processor").instantiate(host,
            InstanceOptions.defaults())) {
            assertEquals(WasmMemory.OUT_OF_BOUNDS, instance.function("read_out_of_bounds").callI32(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void sourceAndLifecycleExportsUseTheirTypedEntryPoints(final String engine) {
        final FakeHost host = new FakeHost();
        host.config = "{\"k\":1}";
        try (WasmInstance source = TestModules.module(engine, "source").instantiate(host,
                InstanceOptions.defaults());
             WasmInstance aggregator = TestModules.module(engine, "batch_aggregator").instantiate(host,
                 InstanceOptions.defaults())) {
            final WasmFunction pull = source.function("torvyn_pull");
            assertEquals(List.of(100, 101, 102, -6), List.of(pull.callI32(), pull.callI32(), pull.callI32(),
                pull.callI32()));

            assertEquals(7, aggregator.function("torvyn_init").callI32());
            assertEquals("{\"k\":1}", new String(aggregator.memory().readBytes(0, 7)));
            assertEquals(4096, aggregator.function("torvyn_batch_area").callI32(256));
            aggregator.function("torvyn_ingest_batch").callI32(5);
            aggregator.function("torvyn_ingest_batch").callI32(3);
            assertEquals(8, aggregator.function("torvyn_flush").callI32());
            aggregator.function("torvyn_teardown").callVoid();
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void exportedI64GlobalsCanBeReadAndWritten(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            instance.setGlobalI64("torvyn_fuel", 100);
            assertEquals(100, instance.getGlobalI64("torvyn_fuel"));
            assertEquals(1, instance.function("burn").callI32(30));
            assertEquals(70, instance.getGlobalI64("torvyn_fuel"));

            final WasmGlobal fuel = instance.global("torvyn_fuel");
            assertSame(fuel, instance.global("torvyn_fuel"));
            fuel.set(Long.MIN_VALUE + 1);
            assertEquals(Long.MIN_VALUE + 1, fuel.get());

            assertEquals(7, instance.getGlobalI64("const_global"));
            assertNull(instance.global("absent"));
            assertNull(instance.global("ok"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void initializeRunsOnceAtInstantiationAndTheHostIsBoundEachTime(final String engine) {
        final FakeHost host = new FakeHost();
        final WasmModule module = TestModules.module(engine, "traps");
        try (WasmInstance first = module.instantiate(host, InstanceOptions.defaults())) {
            assertEquals(5, first.function("initialized").callI32());
            assertSame(first.memory(), host.memory);
        }
        try (WasmInstance second = module.instantiate(host, InstanceOptions.defaults())) {
            assertSame(second.memory(), host.memory);
            assertEquals(2, host.bindCount);
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void memoryGrowBeyondTheDeclaredMaximumReturnsMinusOne(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            assertEquals(65_536, instance.memory().size());
            assertEquals(1, instance.function("grow").callI32(1));
            assertEquals(131_072, instance.memory().size());
            assertEquals(-1, instance.function("grow").callI32(1));
            assertEquals(2, instance.function("pages").callI32());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void theMemoryViewFollowsGrowAndIsLittleEndian(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            final WasmMemory memory = instance.memory();
            memory.writeInt(8, 0x01020304);
            assertArrayEquals(new byte[] {4, 3, 2, 1}, memory.readBytes(8, 4));
            memory.writeLong(16, 0x1122334455667788L);
            assertEquals(0x55667788, memory.readInt(16));
            assertEquals(0x1122334455667788L, memory.readLong(16));

            assertEquals(WasmMemory.OUT_OF_BOUNDS, memory.copyIn(new byte[8], 0, 65_532, 8));
            instance.function("grow").callI32(1);
            assertEquals(WasmMemory.OK, memory.copyIn(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}, 0, 65_532, 8));
            assertEquals(0x09090909, memory.readInt(65_536));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void wasiOutputIsCapturedIntoTheLogSink(final String engine) {
        final List<String> lines = new ArrayList<>();
        final InstanceOptions options = InstanceOptions.defaults().withWasi(true)
            .withWasiLog((level, line) -> lines.add(level + ":" + line));
        try (WasmInstance instance = TestModules.module(engine, "wasi_hello").instantiate(new FakeHost(), options)) {
            assertEquals(5, instance.function("torvyn_process").callI32(5));
            assertEquals(6, instance.function("torvyn_process").callI32(6));
        }
        assertEquals(List.of("2:hello from wasi", "2:hello from wasi"), lines);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void theGenericCallPassesRawValues(final String engine) {
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            final WasmFunction add = instance.function("add");
            assertNotNull(add);
            assertEquals(FunctionSignature.function(ValueType.I64, ValueType.I64, ValueType.I64), add.signature());
            assertArrayEquals(new long[] {5_000_000_000L}, add.call(2_000_000_000L, 3_000_000_000L));
            assertNull(instance.function("absent"));
            assertNull(instance.function("memory"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void compilingTheSameBytesAgainReusesTheModuleUnderTheNewName(final String engine) {
        final WasmEngine wasm = TestModules.engine(engine);
        final WasmModule first = wasm.compile(TestModules.bytes("filter.wasm"), "first");
        final WasmModule second = wasm.compile(TestModules.bytes("filter.wasm"), "second");
        assertEquals("first", first.name());
        assertEquals("second", second.name());
        assertEquals(first.descriptor().digest(), second.descriptor().digest());
        assertEquals(engine, second.engineName());
        assertTrue(second.memoryLimits().isPresent());
        assertEquals(new LinearMemoryLimits(1, LinearMemoryLimits.NO_MAX), second.memoryLimits().get());
    }
}
