package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.torvyn.engine.wasm.internal.UnsafeAccess.UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host's side of the memory: off-heap and array copies, bounds, byte order, on both engines. */
class WasmMemoryTest {

    private static final int LEN = 300;

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void offHeapCopiesRoundTripAcrossAPageBoundary(final String engine) {
        final long src = UNSAFE.allocateMemory(LEN);
        final long dst = UNSAFE.allocateMemory(LEN);
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            instance.function("grow").callI32(1);
            final WasmMemory memory = instance.memory();
            for (int i = 0; i < LEN; i++) {
                UNSAFE.putByte(src + i, (byte) i);
            }
            final int offset = 65_536 - 100;
            assertEquals(WasmMemory.OK, memory.copyIn(src, offset, LEN));
            assertEquals((byte) 99, memory.readBytes(offset + 99, 1)[0]);
            assertEquals((byte) 100, memory.readBytes(65_536, 1)[0]);

            assertEquals(WasmMemory.OK, memory.copyOut(offset, dst, LEN));
            for (int i = 0; i < LEN; i++) {
                assertEquals((byte) i, UNSAFE.getByte(dst + i), "byte " + i);
            }
            final byte[] array = new byte[LEN + 2];
            assertEquals(WasmMemory.OK, memory.copyOut(offset, array, 1, LEN));
            assertEquals((byte) 0, array[1]);
            assertEquals((byte) (LEN - 1), array[LEN]);
        } finally {
            UNSAFE.freeMemory(src);
            UNSAFE.freeMemory(dst);
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void outOfBoundsCopiesReturnMinus11AndCopyNothing(final String engine) {
        final long src = UNSAFE.allocateMemory(64);
        try (WasmInstance instance = TestModules.module(engine, "traps").instantiate(new FakeHost(),
            InstanceOptions.defaults())) {
            final WasmMemory memory = instance.memory();
            UNSAFE.setMemory(src, 64, (byte) 7);
            assertEquals(WasmMemory.OUT_OF_BOUNDS, memory.copyIn(src, 65_536 - 32, 64));
            assertArrayEquals(new byte[32], memory.readBytes(65_536 - 32, 32));
            assertEquals(WasmMemory.OUT_OF_BOUNDS, memory.copyIn(src, -1, 1));
            assertEquals(WasmMemory.OUT_OF_BOUNDS, memory.copyOut(65_536, src, 1));
            assertEquals(WasmMemory.OUT_OF_BOUNDS, memory.copyIn(src, 0, -1));
            assertEquals(WasmMemory.OK, memory.copyIn(src, 65_536, 0));
            assertFalse(memory.inBounds(65_535, 2));
            assertTrue(memory.inBounds(65_534, 2));

            final WasmCallException e = assertThrows(WasmCallException.class, () -> memory.readInt(65_534));
            assertEquals(ErrorCode.E0403, e.code());
            assertEquals(WasmFailures.REASON_OUT_OF_BOUNDS, e.reason());
            assertThrows(WasmCallException.class, () -> memory.writeLong(-8, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.copyIn(new byte[4], 2, 0, 4));
        } finally {
            UNSAFE.freeMemory(src);
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void hostWritesAreWhatTheGuestReads(final String engine) {
        final FakeHost host = new FakeHost().payload(1, "abc");
        try (WasmInstance instance = TestModules.module(engine, "processor").instantiate(host,
            InstanceOptions.defaults())) {
            instance.function("torvyn_process").callI32(1);
            assertArrayEquals("bcd".getBytes(), instance.memory().readBytes(1024, 3));
            instance.memory().copyIn("xyz".getBytes(), 0, 1024, 3);
            assertEquals('x' | 'y' << 8 | 'z' << 16, instance.memory().readInt(1024) & 0xFFFFFF);
        }
    }
}
