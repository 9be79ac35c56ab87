package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.internal.MemoryBounds;

import java.lang.reflect.Field;
import java.util.Objects;

import static io.torvyn.engine.wasm.internal.UnsafeAccess.BYTE_ARRAY_BASE;
import static io.torvyn.engine.wasm.internal.UnsafeAccess.UNSAFE;

/**
 * {@link WasmMemory} over a Chicory memory. Instances use {@link ByteArrayMemory} (64 KiB heap pages, about twice as
 * fast for guest loads as the default); off-heap copies go straight into its page arrays with
 * {@code Unsafe.copyMemory}, split at page boundaries (measured 20 ns for 64 B against 45 ns through a scratch array).
 * If the page array cannot be reached (another Chicory version), copies fall back to the public API.
 */
final class ChicoryMemory implements WasmMemory {

    private static final int PAGE_SHIFT = 16;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final Field PAGES_FIELD = pagesField();

    private Memory memory;
    private byte[][] pages;
    private byte[] scratch;

    /** Called by the instance's memory factory, before the module's data segments and start function run. */
    Memory attach(final Memory created) {
        memory = created;
        pages = pagesOf(created);
        return created;
    }

    boolean usesPageArrays() {
        return pages != null;
    }

    @Override
    public long size() {
        final Memory m = memory;
        return m == null ? 0 : (long) m.pages() << PAGE_SHIFT;
    }

    @Override
    public int copyIn(final long srcAddress, final int dstOffset, final int len) {
        if (!MemoryBounds.fits(dstOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        if (len == 0) {
            return OK;
        }
        final byte[][] p = pages;
        if (p == null) {
            return copyInThroughScratch(srcAddress, dstOffset, len);
        }
        long offset = Integer.toUnsignedLong(dstOffset);
        long from = srcAddress;
        int left = len;
        while (left > 0) {
            final int inPage = (int) (offset & PAGE_MASK);
            final int n = Math.min(left, PAGE_SIZE - inPage);
            UNSAFE.copyMemory(null, from, p[(int) (offset >>> PAGE_SHIFT)], BYTE_ARRAY_BASE + inPage, n);
            offset += n;
            from += n;
            left -= n;
        }
        return OK;
    }

    @Override
    public int copyOut(final int srcOffset, final long dstAddress, final int len) {
        if (!MemoryBounds.fits(srcOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        if (len == 0) {
            return OK;
        }
        final byte[][] p = pages;
        if (p == null) {
            final byte[] bytes = memory.readBytes(srcOffset, len);
            UNSAFE.copyMemory(bytes, BYTE_ARRAY_BASE, null, dstAddress, len);
            return OK;
        }
        long offset = Integer.toUnsignedLong(srcOffset);
        long to = dstAddress;
        int left = len;
        while (left > 0) {
            final int inPage = (int) (offset & PAGE_MASK);
            final int n = Math.min(left, PAGE_SIZE - inPage);
            UNSAFE.copyMemory(p[(int) (offset >>> PAGE_SHIFT)], BYTE_ARRAY_BASE + inPage, null, to, n);
            offset += n;
            to += n;
            left -= n;
        }
        return OK;
    }

    @Override
    public int copyIn(final byte[] src, final int srcIndex, final int dstOffset, final int len) {
        Objects.checkFromIndexSize(srcIndex, len, src.length);
        if (!MemoryBounds.fits(dstOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        if (len > 0) {
            memory.write(dstOffset, src, srcIndex, len);
        }
        return OK;
    }

    @Override
    public int copyOut(final int srcOffset, final byte[] dst, final int dstIndex, final int len) {
        Objects.checkFromIndexSize(dstIndex, len, dst.length);
        if (!MemoryBounds.fits(srcOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        if (len == 0) {
            return OK;
        }
        final byte[][] p = pages;
        if (p == null) {
            System.arraycopy(memory.readBytes(srcOffset, len), 0, dst, dstIndex, len);
            return OK;
        }
        long offset = Integer.toUnsignedLong(srcOffset);
        int at = dstIndex;
        int left = len;
        while (left > 0) {
            final int inPage = (int) (offset & PAGE_MASK);
            final int n = Math.min(left, PAGE_SIZE - inPage);
            System.arraycopy(p[(int) (offset >>> PAGE_SHIFT)], inPage, dst, at, n);
            offset += n;
            at += n;
            left -= n;
        }
        return OK;
    }

    @Override
    public byte[] readBytes(final int offset, final int len) {
        check(offset, len);
        return memory.readBytes(offset, len);
    }

    @Override
    public int readInt(final int offset) {
        check(offset, Integer.BYTES);
        return memory.readInt(offset);
    }

    @Override
    public void writeInt(final int offset, final int value) {
        check(offset, Integer.BYTES);
        memory.writeI32(offset, value);
    }

    @Override
    public long readLong(final int offset) {
        check(offset, Long.BYTES);
        return memory.readLong(offset);
    }

    @Override
    public void writeLong(final int offset, final long value) {
        check(offset, Long.BYTES);
        memory.writeLong(offset, value);
    }

    private void check(final int offset, final int len) {
        final long size = size();
        if (!MemoryBounds.fits(offset, len, size)) {
            throw MemoryBounds.outOfBounds(offset, len, size);
        }
    }

    private int copyInThroughScratch(final long srcAddress, final int dstOffset, final int len) {
        byte[] s = scratch;
        if (s == null || s.length < len) {
            s = new byte[Math.max(len, 256)];
            scratch = s;
        }
        UNSAFE.copyMemory(null, srcAddress, s, BYTE_ARRAY_BASE, len);
        memory.write(dstOffset, s, 0, len);
        return OK;
    }

    private static byte[][] pagesOf(final Memory created) {
        if (PAGES_FIELD == null || !(created instanceof ByteArrayMemory)) {
            return null;
        }
        try {
            return (byte[][]) PAGES_FIELD.get(created);
        } catch (final IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    private static Field pagesField() {
        try {
            final Field field = ByteArrayMemory.class.getDeclaredField("pages");
            if (field.getType() != byte[][].class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (final ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
