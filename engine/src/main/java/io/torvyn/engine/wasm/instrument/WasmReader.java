package io.torvyn.engine.wasm.instrument;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over a Wasm binary that decodes LEB128 integers, bytes and names. The rewriter only needs to know where
 * things are, so the reader never copies: callers remember offsets and copy ranges of the source array themselves.
 * Malformed input raises {@link MalformedWasmException} carrying the offending offset.
 */
final class WasmReader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    WasmReader(final byte[] bytes, final int position, final int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    WasmReader(final byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    byte[] source() {
        return bytes;
    }

    int u8() {
        if (position >= limit) {
            throw new MalformedWasmException("unexpected end of input", position);
        }
        return bytes[position++] & 0xFF;
    }

    int peekU8() {
        if (position >= limit) {
            throw new MalformedWasmException("unexpected end of input", position);
        }
        return bytes[position] & 0xFF;
    }

    void skip(final int count) {
        if (count < 0 || count > limit - position) {
            throw new MalformedWasmException("length " + count + " runs past the end of its section", position);
        }
        position += count;
    }

    /** Unsigned LEB128 of at most 32 bits. */
    int u32() {
        final int start = position;
        long result = 0;
        int shift = 0;
        while (true) {
            final int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift >= 35) {
                throw new MalformedWasmException("integer representation too long", start);
            }
        }
        if (result > 0xFFFF_FFFFL) {
            throw new MalformedWasmException("integer too large", start);
        }
        return (int) result;
    }

    /** An unsigned LEB128 u32 that is used as a count or index, refused when it does not fit a Java int. */
    int index() {
        final int start = position;
        final int value = u32();
        if (value < 0) {
            throw new MalformedWasmException("index or count too large", start);
        }
        return value;
    }

    /** Unsigned LEB128 of at most 64 bits (memory64 offsets and limits). */
    long u64() {
        final int start = position;
        long result = 0;
        int shift = 0;
        while (true) {
            final int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift >= 70) {
                throw new MalformedWasmException("integer representation too long", start);
            }
        }
    }

    /** Signed LEB128 of up to {@code bits} bits, returned sign-extended. */
    long signed(final int bits) {
        final int start = position;
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if (shift > bits + 6) {
                throw new MalformedWasmException("integer representation too long", start);
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    String name() {
        final int length = index();
        final int start = position;
        skip(length);
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }
}
