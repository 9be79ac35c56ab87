package io.torvyn.engine.wasm;

/**
 * A little-endian view of one instance's linear memory, the only way the host moves bytes across the Wasm boundary.
 * <p>
 * Offsets are guest pointers (unsigned 32-bit). Bulk copies are bounds-checked as a whole and return {@link #OK} or
 * {@link #OUT_OF_BOUNDS} (the ABI's −11, ready to hand back to the guest) without copying anything when the range
 * does not fit; the scalar accessors, which have no error channel, throw an E0403 {@link WasmCallException} instead,
 * the same trap a guest load would raise. None of the copy methods allocates. The view follows {@code memory.grow}
 * by itself; it is used by one thread at a time, like the instance it belongs to.
 */
public interface WasmMemory {

    /** Result of a copy that fitted. */
    int OK = 0;

    /** Result of a copy whose range is outside the memory: the ABI's out-of-bounds error code. */
    int OUT_OF_BOUNDS = -11;

    /** Current size in bytes (a multiple of 64 KiB; 0 for a module without memory). */
    long size();

    /** True when {@code [offset, offset+len)} lies inside the memory. */
    default boolean inBounds(final int offset, final int len) {
        return len >= 0 && Integer.toUnsignedLong(offset) + len <= size();
    }

    /** Copies {@code len} bytes from the off-heap address {@code srcAddress} into memory at {@code dstOffset}. */
    int copyIn(long srcAddress, int dstOffset, int len);

    /** Copies {@code len} bytes from memory at {@code srcOffset} to the off-heap address {@code dstAddress}. */
    int copyOut(int srcOffset, long dstAddress, int len);

    /** Copies {@code src[srcIndex, srcIndex+len)} into memory at {@code dstOffset}. */
    int copyIn(byte[] src, int srcIndex, int dstOffset, int len);

    /** Copies memory {@code [srcOffset, srcOffset+len)} into {@code dst} at {@code dstIndex}. */
    int copyOut(int srcOffset, byte[] dst, int dstIndex, int len);

    /** A fresh array with the bytes at {@code [offset, offset+len)}; allocates, so not for the hot path. */
    byte[] readBytes(int offset, int len);

    int readInt(int offset);

    void writeInt(int offset, int value);

    long readLong(int offset);

    void writeLong(int offset, long value);
}
