package io.torvyn.engine.wasm.instrument;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte sink with the LEB128 encoders the rewriter needs. Sections and function bodies are length-prefixed,
 * so they are built in their own {@code WasmOutput} and appended with {@link #sizedBlock(WasmOutput)}.
 */
final class WasmOutput {
    private byte[] buffer;
    private int size;

    WasmOutput(final int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void reset() {
        size = 0;
    }

    WasmOutput u8(final int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WasmOutput bytes(final byte[] source, final int offset, final int length) {
        ensure(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
        return this;
    }

    WasmOutput u32(final long value) {
        long remaining = value & 0xFFFF_FFFFL;
        do {
            int b = (int) (remaining & 0x7F);
            remaining >>>= 7;
            if (remaining != 0) {
                b |= 0x80;
            }
            u8(b);
        } while (remaining != 0);
        return this;
    }

    WasmOutput s64(final long value) {
        long remaining = value;
        while (true) {
            final int b = (int) (remaining & 0x7F);
            remaining >>= 7;
            final boolean done = (remaining == 0 && (b & 0x40) == 0) || (remaining == -1 && (b & 0x40) != 0);
            if (done) {
                u8(b);
                return this;
            }
            u8(b | 0x80);
        }
    }

    WasmOutput name(final String value) {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return bytes(utf8, 0, utf8.length);
    }

    WasmOutput append(final WasmOutput other) {
        return bytes(other.buffer, 0, other.size);
    }

    /** Appends {@code block} preceded by its length as a u32, the framing of sections and function bodies. */
    WasmOutput sizedBlock(final WasmOutput block) {
        u32(block.size);
        return bytes(block.buffer, 0, block.size);
    }

    private void ensure(final int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
