package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmMemory;

import java.nio.charset.StandardCharsets;

/**
 * The host side of the batch ABI region, written independently of torvyn.h from the fixed layout (batch-abi, contract
 * 0.1.0) so the tests check the header's struct against the documented offsets, not against itself.
 *
 * <pre>
 *   region      0 count | 4 descriptor_size | 8 staging_ptr | 12 staging_len | 16 descriptors[capacity] | staging
 *   descriptor  0 sequence | 8 timestamp_ns | 16 handle | 20 size | 24 payload_ptr | 28 content_type_ptr
 *               | 32 content_type_len | 36 result | 40 out_ptr | 44 out_len | 48 out_content_type_ptr
 *               | 52 out_content_type_len | 56 reserved
 * </pre>
 */
final class BatchArea {

    static final int HEADER = 16;
    static final int DESCRIPTOR = 64;
    static final int SEQUENCE = 0;
    static final int TIMESTAMP = 8;
    static final int HANDLE = 16;
    static final int SIZE = 20;
    static final int PAYLOAD_PTR = 24;
    static final int CONTENT_TYPE_PTR = 28;
    static final int CONTENT_TYPE_LEN = 32;
    static final int RESULT = 36;
    static final int OUT_PTR = 40;
    static final int OUT_LEN = 44;
    static final int OUT_CONTENT_TYPE_PTR = 48;
    static final int OUT_CONTENT_TYPE_LEN = 52;
    static final int RESERVED = 56;

    private final WasmMemory memory;
    private final int base;
    private final int capacity;
    private final int staging;
    private final int stagingLen;
    private final boolean stagePayloads;
    private int count;
    private int stagingUsed;

    /** Asks the component for its region with {@code torvyn_batch_area} and writes the fixed header fields. */
    BatchArea(final WasmInstance instance, final int capacity, final int stagingLen, final boolean stagePayloads) {
        this.memory = instance.memory();
        this.capacity = capacity;
        this.stagingLen = stagingLen;
        this.stagePayloads = stagePayloads;
        final int bytes = HEADER + capacity * DESCRIPTOR + stagingLen;
        this.base = instance.function("torvyn_batch_area").callI32(bytes);
        if (base <= 0 || base % 8 != 0 || !memory.inBounds(base, bytes)) {
            throw new AssertionError("bad batch area " + base + " for " + bytes + " bytes");
        }
        this.staging = base + HEADER + capacity * DESCRIPTOR;
        memory.writeInt(base + 4, DESCRIPTOR);
        memory.writeInt(base + 8, staging);
        memory.writeInt(base + 12, stagingLen);
    }

    int base() {
        return base;
    }

    /** Starts a new batch: no descriptors, empty staging. */
    BatchArea begin() {
        count = 0;
        stagingUsed = 0;
        return this;
    }

    /** Appends one element's descriptor (and stages its payload unless metadata-only); returns its index. */
    int add(final int handle, final long sequence, final String payload, final String contentType) {
        if (count == capacity) {
            throw new AssertionError("batch full");
        }
        final byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        final byte[] type = contentType.getBytes(StandardCharsets.UTF_8);
        final int d = descriptor(count);
        memory.writeLong(d + SEQUENCE, sequence);
        memory.writeLong(d + TIMESTAMP, sequence * 1_000);
        memory.writeInt(d + HANDLE, handle);
        memory.writeInt(d + SIZE, bytes.length);
        memory.writeInt(d + PAYLOAD_PTR, stagePayloads ? stage(bytes) : 0);
        memory.writeInt(d + CONTENT_TYPE_PTR, stage(type));
        memory.writeInt(d + CONTENT_TYPE_LEN, type.length);
        memory.writeInt(d + RESULT, -99);
        memory.writeInt(d + OUT_PTR, 0);
        memory.writeInt(d + OUT_LEN, 0);
        memory.writeInt(d + OUT_CONTENT_TYPE_PTR, 0);
        memory.writeInt(d + OUT_CONTENT_TYPE_LEN, 0);
        memory.writeLong(d + RESERVED, 0);
        count++;
        memory.writeInt(base, count);
        return count - 1;
    }

    int count() {
        return count;
    }

    int result(final int index) {
        return memory.readInt(descriptor(index) + RESULT);
    }

    int field(final int index, final int offset) {
        return memory.readInt(descriptor(index) + offset);
    }

    /** The bytes a descriptor marked for emission. */
    String out(final int index) {
        final int d = descriptor(index);
        return new String(memory.readBytes(memory.readInt(d + OUT_PTR), memory.readInt(d + OUT_LEN)),
            StandardCharsets.UTF_8);
    }

    private int descriptor(final int index) {
        return base + HEADER + index * DESCRIPTOR;
    }

    private int stage(final byte[] bytes) {
        if (stagingUsed + bytes.length > stagingLen) {
            throw new AssertionError("staging full");
        }
        final int at = staging + stagingUsed;
        if (memory.copyIn(bytes, 0, at, bytes.length) != WasmMemory.OK) {
            throw new AssertionError("staging out of bounds");
        }
        stagingUsed += bytes.length;
        return at;
    }
}
