package io.torvyn.engine.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** LEB128 encoding and decoding at the edges of every width the rewriter uses. */
class WasmEncodingTest {
    private static final long[] SIGNED = {0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 8191, 8192, -8193,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000_000L};
    private static final long[] UNSIGNED = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, 0xFFFF_FFFFL};

    @Test
    void signedValuesRoundTrip() {
        for (final long value : SIGNED) {
            final byte[] encoded = new WasmOutput(4).s64(value).toByteArray();
            final WasmReader in = new WasmReader(encoded);
            assertEquals(value, in.signed(64), "value " + value);
            assertEquals(encoded.length, in.position(), "consumed every byte of " + value);
        }
    }

    @Test
    void unsignedValuesRoundTrip() {
        for (final long value : UNSIGNED) {
            final byte[] encoded = new WasmOutput(4).u32(value).toByteArray();
            assertEquals(value, new WasmReader(encoded).u32() & 0xFFFF_FFFFL);
            assertEquals(value, new WasmReader(encoded).u64());
        }
    }

    @Test
    void encodingsAreMinimal() {
        assertArrayEquals(new byte[] {0x00}, new WasmOutput(1).s64(0).toByteArray());
        assertArrayEquals(new byte[] {0x7F}, new WasmOutput(1).s64(-1).toByteArray());
        assertArrayEquals(new byte[] {(byte) 0xC0, 0x00}, new WasmOutput(1).s64(64).toByteArray());
        assertArrayEquals(new byte[] {(byte) 0xE5, (byte) 0x8E, 0x26}, new WasmOutput(1).u32(624_485).toByteArray());
    }

    @Test
    void nonCanonicalPaddingIsAccepted() {
        assertEquals(3, new WasmReader(new byte[] {(byte) 0x83, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}).u32());
        assertEquals(-1, new WasmReader(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F}).signed(32));
    }

    @Test
    void overlongAndTruncatedEncodingsAreMalformed() {
        final byte[] sixBytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
        assertThrows(MalformedWasmException.class, () -> new WasmReader(sixBytes).u32());
        assertThrows(MalformedWasmException.class, () -> new WasmReader(sixBytes).signed(32));
        final byte[] tooBig = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x1F};
        assertThrows(MalformedWasmException.class, () -> new WasmReader(tooBig).u32());
        assertThrows(MalformedWasmException.class, () -> new WasmReader(new byte[] {(byte) 0x80}).u32());
    }

    @Test
    void readerStopsAtItsLimit() {
        final WasmReader in = new WasmReader(new byte[] {1, 2, 3, 4}, 1, 3);
        assertEquals(2, in.u8());
        assertEquals(3, in.u8());
        assertThrows(MalformedWasmException.class, in::u8);
        assertThrows(MalformedWasmException.class, () -> new WasmReader(new byte[] {1, 2}).skip(3));
    }

    @Test
    void namesAreLengthPrefixedUtf8() {
        final byte[] encoded = new WasmOutput(4).name("torvyn_fuel").toByteArray();
        assertEquals(11, encoded[0]);
        assertEquals("torvyn_fuel", new WasmReader(encoded).name());
    }
}
