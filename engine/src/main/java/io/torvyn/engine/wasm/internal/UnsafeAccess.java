package io.torvyn.engine.wasm.internal;

import sun.misc.Unsafe;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteOrder;

/**
 * Raw memory access for the copies between off-heap buffers and Wasm memories: the measured fast path (an
 * {@code Unsafe.copyMemory} straight into Chicory's page arrays or wasmtime's native memory) has no public API.
 */
public final class UnsafeAccess {

    public static final Unsafe UNSAFE;
    public static final long BYTE_ARRAY_BASE;
    public static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long BUFFER_ADDRESS_OFFSET;

    static {
        try {
            final Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            UNSAFE = (Unsafe) field.get(null);
            BYTE_ARRAY_BASE = UNSAFE.arrayBaseOffset(byte[].class);
            BUFFER_ADDRESS_OFFSET = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private UnsafeAccess() {
    }

    /** The native address of a direct buffer. */
    public static long address(final Buffer directBuffer) {
        return UNSAFE.getLong(directBuffer, BUFFER_ADDRESS_OFFSET);
    }
}
