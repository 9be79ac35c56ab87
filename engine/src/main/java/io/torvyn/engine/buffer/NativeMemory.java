package io.torvyn.engine.buffer;

import net.openhft.chronicle.core.UnsafeMemory;
import sun.misc.Unsafe;

/**
 * The raw copies behind every payload transfer. It exists so each copy is a direct intrinsic with no interface
 * dispatch or logging in between, and so copies of large payloads are split into chunks: one uninterrupted
 * {@code copyMemory} of many megabytes would hold off a safepoint for the whole JVM.
 */
final class NativeMemory {
    private static final Unsafe UNSAFE = UnsafeMemory.UNSAFE;
    private static final long BYTE_ARRAY_BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
    private static final long CHUNK = 1L << 20;

    private NativeMemory() {
    }

    static void copy(final long srcAddress, final long dstAddress, final long length) {
        long done = 0;
        while (done < length) {
            final long n = Math.min(CHUNK, length - done);
            UNSAFE.copyMemory(srcAddress + done, dstAddress + done, n);
            done += n;
        }
    }

    static void copy(final byte[] src, final int srcOffset, final long dstAddress, final int length) {
        long done = 0;
        while (done < length) {
            final long n = Math.min(CHUNK, length - done);
            UNSAFE.copyMemory(src, BYTE_ARRAY_BASE + srcOffset + done, null, dstAddress + done, n);
            done += n;
        }
    }

    static void copy(final long srcAddress, final byte[] dst, final int dstOffset, final int length) {
        long done = 0;
        while (done < length) {
            final long n = Math.min(CHUNK, length - done);
            UNSAFE.copyMemory(null, srcAddress + done, dst, BYTE_ARRAY_BASE + dstOffset + done, n);
            done += n;
        }
    }

    static void zero(final long address, final long length) {
        long done = 0;
        while (done < length) {
            final long n = Math.min(CHUNK, length - done);
            UNSAFE.setMemory(address + done, n, (byte) 0);
            done += n;
        }
    }
}
