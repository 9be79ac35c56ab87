package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.internal.MemoryBounds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import static io.torvyn.engine.wasm.internal.UnsafeAccess.BYTE_ARRAY_BASE;
import static io.torvyn.engine.wasm.internal.UnsafeAccess.NATIVE_LITTLE_ENDIAN;
import static io.torvyn.engine.wasm.internal.UnsafeAccess.UNSAFE;

/**
 * {@link WasmMemory} over a Wasmtime linear memory, accessed at its native address. The binding's
 * {@code Memory.buffer(store)} allocates a new (big-endian) {@code ByteBuffer} per call and is stale after
 * {@code memory.grow}, so the view caches buffer, address and size and revalidates lazily: the instance marks it
 * stale whenever guest code may have run (after a call, on entry to a host import), and the next access asks for the
 * size (one JNI call, no allocation) and fetches a new buffer only if the size changed.
 */
final class WasmtimeMemory implements WasmMemory {

    private final Store<?> store;
    private Memory memory;
    private ByteBuffer buffer;
    private long address;
    private long size;
    private boolean stale = true;

    WasmtimeMemory(final Store<?> store) {
        this.store = store;
    }

    void resolve(final Memory exported) {
        memory = exported;
        stale = true;
    }

    boolean isResolved() {
        return memory != null;
    }

    void invalidate() {
        stale = true;
    }

    @Override
    public long size() {
        return stale ? refresh() : size;
    }

    private long refresh() {
        final Memory m = memory;
        if (m == null) {
            return 0;
        }
        final long current = m.dataSize(store);
        if (current != size || buffer == null) {
            buffer = m.buffer(store).order(ByteOrder.LITTLE_ENDIAN);
            address = io.torvyn.engine.wasm.internal.UnsafeAccess.address(buffer);
            size = current;
        }
        stale = false;
        return size;
    }

    @Override
    public int copyIn(final long srcAddress, final int dstOffset, final int len) {
        if (!MemoryBounds.fits(dstOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        UNSAFE.copyMemory(srcAddress, address + Integer.toUnsignedLong(dstOffset), len);
        return OK;
    }

    @Override
    public int copyOut(final int srcOffset, final long dstAddress, final int len) {
        if (!MemoryBounds.fits(srcOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        UNSAFE.copyMemory(address + Integer.toUnsignedLong(srcOffset), dstAddress, len);
        return OK;
    }

    @Override
    public int copyIn(final byte[] src, final int srcIndex, final int dstOffset, final int len) {
        Objects.checkFromIndexSize(srcIndex, len, src.length);
        if (!MemoryBounds.fits(dstOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        UNSAFE.copyMemory(src, BYTE_ARRAY_BASE + srcIndex, null, address + Integer.toUnsignedLong(dstOffset), len);
        return OK;
    }

    @Override
    public int copyOut(final int srcOffset, final byte[] dst, final int dstIndex, final int len) {
        Objects.checkFromIndexSize(dstIndex, len, dst.length);
        if (!MemoryBounds.fits(srcOffset, len, size())) {
            return OUT_OF_BOUNDS;
        }
        UNSAFE.copyMemory(null, address + Integer.toUnsignedLong(srcOffset), dst, BYTE_ARRAY_BASE + dstIndex, len);
        return OK;
    }

    @Override
    public byte[] readBytes(final int offset, final int len) {
        final byte[] bytes = new byte[len];
        if (copyOut(offset, bytes, 0, len) != OK) {
            throw MemoryBounds.outOfBounds(offset, len, size());
        }
        return bytes;
    }

    @Override
    public int readInt(final int offset) {
        final int raw = UNSAFE.getInt(at(offset, Integer.BYTES));
        return NATIVE_LITTLE_ENDIAN ? raw : Integer.reverseBytes(raw);
    }

    @Override
    public void writeInt(final int offset, final int value) {
        UNSAFE.putInt(at(offset, Integer.BYTES), NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }

    @Override
    public long readLong(final int offset) {
        final long raw = UNSAFE.getLong(at(offset, Long.BYTES));
        return NATIVE_LITTLE_ENDIAN ? raw : Long.reverseBytes(raw);
    }

    @Override
    public void writeLong(final int offset, final long value) {
        UNSAFE.putLong(at(offset, Long.BYTES), NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    private long at(final int offset, final int len) {
        final long s = size();
        if (!MemoryBounds.fits(offset, len, s)) {
            throw MemoryBounds.outOfBounds(offset, len, s);
        }
        return address + Integer.toUnsignedLong(offset);
    }
}
