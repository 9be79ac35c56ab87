package io.torvyn.journal.record;

import net.openhft.chronicle.core.UnsafeMemory;
import sun.misc.Unsafe;

/**
 * The 64-bit hash of a payload that replay compares stage by stage. It reads eight bytes at a time (little-endian on
 * every platform) and mixes them with the MurmurHash3 finaliser, so equal payloads always hash equal and a changed
 * byte changes the hash with overwhelming probability; it is not meant to resist an adversary. The native-memory and
 * array variants agree byte for byte, so a hash computed from a pool buffer can be checked against recorded bytes.
 */
public final class PayloadHash {
    private static final Unsafe UNSAFE = UnsafeMemory.UNSAFE;
    private static final long ARRAY_BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
    private static final boolean LITTLE = UnsafeMemory.IS_LITTLE_ENDIAN;
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long M1 = 0xFF51AFD7ED558CCDL;
    private static final long M2 = 0xC4CEB9FE1A85EC53L;

    private PayloadHash() {
    }

    /** The hash of {@code length} bytes of native memory at {@code address}. */
    public static long hash(final long address, final long length) {
        return hash(null, address, length);
    }

    /** The hash of {@code bytes[offset .. offset+length)}. */
    public static long hash(final byte[] bytes, final int offset, final int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return hash(bytes, ARRAY_BASE + offset, length);
    }

    /** The hash of all of {@code bytes}. */
    public static long hash(final byte[] bytes) {
        return hash(bytes, 0, bytes.length);
    }

    private static long hash(final Object base, final long start, final long length) {
        long h = SEED ^ length;
        long i = 0;
        for (; i + 8 <= length; i += 8) {
            long w = UNSAFE.getLong(base, start + i);
            if (!LITTLE) {
                w = Long.reverseBytes(w);
            }
            h = Long.rotateLeft(h ^ mix(w), 27) * 5 + 0x52DCE729;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (UNSAFE.getByte(base, start + i) & 0xFFL) << shift;
        }
        h ^= mix(tail);
        return mix(h);
    }

    private static long mix(final long value) {
        long k = value;
        k ^= k >>> 33;
        k *= M1;
        k ^= k >>> 33;
        k *= M2;
        k ^= k >>> 33;
        return k;
    }
}
