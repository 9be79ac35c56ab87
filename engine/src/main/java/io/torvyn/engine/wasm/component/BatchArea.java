package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.ContentTypes;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The batch region a component lends the host ({@code torvyn_batch_area}), laid out as fixed by the batch ABI
 * (contract 0.1.0, all integers little-endian):
 * <pre>
 *  region
 *  0        4                 8             12            16
 *  +--------+-----------------+-------------+-------------+-----------------------------+------------------+
 *  | count  | descriptor_size | staging_ptr | staging_len | descriptor[0 .. capacity)   | staging region   |
 *  +--------+-----------------+-------------+-------------+-----------------------------+------------------+
 *
 *  descriptor (64 bytes)
 *  0            8              16       20     24           28       32       36       40        44
 *  +------------+--------------+--------+------+------------+--------+--------+--------+---------+---------+
 *  | sequence   | timestamp_ns | handle | size | payload_ptr| ct_ptr | ct_len | result | out_ptr | out_len |
 *  +------------+--------------+--------+------+------------+--------+--------+--------+---------+---------+
 *  48               52               56
 *  +----------------+----------------+------------+
 *  | out_ct_ptr     | out_ct_len     | reserved   |
 *  +----------------+----------------+------------+
 * </pre>
 * The host composes the header and descriptors in a heap mirror and moves them across in one bulk copy each way per
 * batch; payloads go straight from the pooled buffer into the staging region (the element's one {@code payload-read},
 * skipped when the module declares {@code torvyn_metadata_only}), content types always (metadata is free; a run of
 * elements with the same type shares one staged copy). Output bytes ({@code TORVYN_EMIT_BYTES}, source outputs) go
 * straight from linear memory into a new pooled buffer: the element's one {@code payload-write}. Reused for every
 * batch; allocation-free.
 */
final class BatchArea {
    static final int COUNT_OFFSET = ModuleInstrumenter.BATCH_COUNT_OFFSET;
    static final int DESCRIPTOR_SIZE_OFFSET = 4;
    static final int STAGING_PTR_OFFSET = 8;
    static final int STAGING_LEN_OFFSET = 12;
    static final int HEADER_LENGTH = 16;

    static final int DESCRIPTOR_LENGTH = 64;
    static final int SEQUENCE_OFFSET = 0;
    static final int TIMESTAMP_OFFSET = 8;
    static final int HANDLE_OFFSET = 16;
    static final int SIZE_OFFSET = 20;
    static final int PAYLOAD_PTR_OFFSET = 24;
    static final int CONTENT_TYPE_PTR_OFFSET = 28;
    static final int CONTENT_TYPE_LEN_OFFSET = 32;
    static final int RESULT_OFFSET = 36;
    static final int OUT_PTR_OFFSET = 40;
    static final int OUT_LEN_OFFSET = 44;
    static final int OUT_CONTENT_TYPE_PTR_OFFSET = 48;
    static final int OUT_CONTENT_TYPE_LEN_OFFSET = 52;
    static final int RESERVED_OFFSET = 56;

    /** Processor / aggregator results; a filter passes with any positive result, a router returns a port mask. */
    static final int RESULT_DROP = 0;
    static final int RESULT_FORWARD = 1;
    static final int RESULT_EMIT_BYTES = 2;

    /** The most elements one batch call carries, whatever {@code batch_size} says. */
    static final int MAX_CAPACITY = 4096;
    static final int MIN_STAGING = 64 * 1024;
    static final int STAGING_PER_ELEMENT = 2048;
    static final int MAX_STAGING = 4 * 1024 * 1024;
    private static final int ALIGN = 8;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final int capacity;
    private final int stagingLength;
    private final int bytes;
    private final boolean metadataOnly;
    private final BufferPool pool;
    private final BufferClient client;
    private final ContentTypes contentTypes;
    private final HostBinding host;
    private final String where;
    private final byte[] mirror;
    private final byte[] typeScratch = new byte[ContentTypes.MAX_UTF8_BYTES + 1];

    private WasmMemory memory;
    private int address;
    private int stagingPtr;
    private int cursor;
    private int stagedTypeId;
    private int stagedTypePtr;
    private int published;

    /**
     * @param batchSize    {@code runtime.scheduling.batch_size}; the capacity is capped at {@value #MAX_CAPACITY}
     * @param metadataOnly whether the module exports {@code torvyn_metadata_only} (payloads are not staged)
     */
    BatchArea(final ComponentContext ctx, final HostBinding host, final int batchSize, final boolean metadataOnly,
              final String where) {
        this.capacity = Math.max(1, Math.min(batchSize, MAX_CAPACITY));
        this.stagingLength = stagingFor(capacity);
        this.bytes = HEADER_LENGTH + DESCRIPTOR_LENGTH * capacity + stagingLength;
        this.metadataOnly = metadataOnly;
        this.pool = ctx.pool();
        this.client = ctx.client();
        this.contentTypes = ctx.contentTypes();
        this.host = host;
        this.where = where;
        this.mirror = new byte[HEADER_LENGTH + DESCRIPTOR_LENGTH * capacity];
    }

    /** The staging region's size for a batch of {@code capacity}: 2 KiB per element, within [64 KiB, 4 MiB]. */
    static int stagingFor(final int capacity) {
        return (int) Math.max(MIN_STAGING, Math.min(MAX_STAGING, (long) capacity * STAGING_PER_ELEMENT));
    }

    /** Descriptors per batch. */
    int capacity() {
        return capacity;
    }

    /** The size the host asks for with {@code torvyn_batch_area(bytes)}. */
    int bytes() {
        return bytes;
    }

    /** The header's {@code count} as last published: what an argument-free batch call passes. */
    int publishedCount() {
        return published;
    }

    int stagingLength() {
        return stagingLength;
    }

    /**
     * Takes the region the new instance returned and writes its constant header fields.
     *
     * @throws TorvynException E0410 when the region does not lie inside the memory
     */
    void attach(final WasmMemory memory, final int address, final String where) {
        if (address == 0 || !memory.inBounds(address, bytes)) {
            throw ComponentErrors.batchArea(where, address, bytes, memory.size());
        }
        this.memory = memory;
        this.address = address;
        this.stagingPtr = address + HEADER_LENGTH + DESCRIPTOR_LENGTH * capacity;
        INT.set(mirror, DESCRIPTOR_SIZE_OFFSET, DESCRIPTOR_LENGTH);
        INT.set(mirror, STAGING_PTR_OFFSET, stagingPtr);
        INT.set(mirror, STAGING_LEN_OFFSET, stagingLength);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs

    /**
     * Lends elements {@code from ..} of {@code in} to the guest: borrows each handle for the call, stages its content
     * type and (unless metadata-only) its payload, and fills its descriptor; stops at {@code max}, at the capacity, or
     * at the first element whose bytes no longer fit the staging region.
     *
     * @return how many elements were staged; 0 when element {@code from} alone is larger than the staging region
     */
    int stageInputs(final ElementBatch in, final int from, final int max) {
        cursor = 0;
        stagedTypeId = ContentTypes.NONE;
        stagedTypePtr = 0;
        final int n = Math.min(max, capacity);
        int k = 0;
        while (k < n) {
            final int i = from + k;
            final long eh = in.handle(i);
            final long size = pool.length(eh);
            final int typeId = pool.contentType(eh);
            final int typeLength = contentTypes.utf8Length(typeId);
            final long needed = (typeId == stagedTypeId ? 0 : aligned(typeLength)) + (metadataOnly ? 0 : size);
            if (needed > stagingLength - cursor) {
                break;
            }
            final long seq = in.sequence(i);
            final long ts = in.timestampNs(i);
            client.elementSeq = seq;
            final int typePtr = stageType(typeId, typeLength);
            int payloadPtr = 0;
            if (!metadataOnly) {
                payloadPtr = reserve((int) size);
                memory.copyIn(pool.address(eh), payloadPtr, (int) size);
                pool.accountCopy(client, eh, CopyReason.PAYLOAD_READ, 0, size);
            }
            final int handle = host.borrow(eh, seq, ts);
            describe(k, seq, ts, handle, (int) size, payloadPtr, typePtr, typeLength);
            k++;
        }
        return k;
    }

    private int stageType(final int typeId, final int typeLength) {
        if (typeLength == 0) {
            return 0;
        }
        if (typeId != stagedTypeId) {
            stagedTypePtr = reserve(typeLength);
            contentTypes.copyUtf8(typeId, typeScratch, 0);
            memory.copyIn(typeScratch, 0, stagedTypePtr, typeLength);
            stagedTypeId = typeId;
        }
        return stagedTypePtr;
    }

    private int reserve(final int length) {
        final int ptr = stagingPtr + cursor;
        cursor += aligned(length);
        return ptr;
    }

    private static int aligned(final int length) {
        return (length + ALIGN - 1) & -ALIGN;
    }

    private void describe(final int d, final long seq, final long ts, final int handle, final int size,
                          final int payloadPtr, final int typePtr, final int typeLength) {
        final int o = HEADER_LENGTH + d * DESCRIPTOR_LENGTH;
        LONG.set(mirror, o + SEQUENCE_OFFSET, seq);
        LONG.set(mirror, o + TIMESTAMP_OFFSET, ts);
        INT.set(mirror, o + HANDLE_OFFSET, handle);
        INT.set(mirror, o + SIZE_OFFSET, size);
        INT.set(mirror, o + PAYLOAD_PTR_OFFSET, payloadPtr);
        INT.set(mirror, o + CONTENT_TYPE_PTR_OFFSET, typePtr);
        INT.set(mirror, o + CONTENT_TYPE_LEN_OFFSET, typeLength);
        clearOutputs(o);
    }

    private void clearOutputs(final int o) {
        INT.set(mirror, o + RESULT_OFFSET, 0);
        INT.set(mirror, o + OUT_PTR_OFFSET, 0);
        INT.set(mirror, o + OUT_LEN_OFFSET, 0);
        INT.set(mirror, o + OUT_CONTENT_TYPE_PTR_OFFSET, 0);
        INT.set(mirror, o + OUT_CONTENT_TYPE_LEN_OFFSET, 0);
        LONG.set(mirror, o + RESERVED_OFFSET, 0L);
    }

    /** Writes the header ({@code count = n}) and {@code n} staged descriptors into the region: one bulk copy. */
    void publish(final int n) {
        published = n;
        INT.set(mirror, COUNT_OFFSET, n);
        memory.copyIn(mirror, 0, address, HEADER_LENGTH + n * DESCRIPTOR_LENGTH);
    }

    /** Prepares {@code n} empty descriptors for a source's {@code torvyn_pull_batch(n)} and publishes them. */
    void publishEmpty(final int n) {
        for (int d = 0; d < n; d++) {
            final int o = HEADER_LENGTH + d * DESCRIPTOR_LENGTH;
            LONG.set(mirror, o + SEQUENCE_OFFSET, 0L);
            LONG.set(mirror, o + TIMESTAMP_OFFSET, 0L);
            INT.set(mirror, o + HANDLE_OFFSET, 0);
            INT.set(mirror, o + SIZE_OFFSET, 0);
            INT.set(mirror, o + PAYLOAD_PTR_OFFSET, 0);
            INT.set(mirror, o + CONTENT_TYPE_PTR_OFFSET, 0);
            INT.set(mirror, o + CONTENT_TYPE_LEN_OFFSET, 0);
            clearOutputs(o);
        }
        publish(n);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Results

    /** Reads the {@code n} descriptors back after the call: one bulk copy. */
    void fetch(final int n) {
        memory.copyOut(address + HEADER_LENGTH, mirror, HEADER_LENGTH, n * DESCRIPTOR_LENGTH);
    }

    int result(final int d) {
        return (int) INT.get(mirror, HEADER_LENGTH + d * DESCRIPTOR_LENGTH + RESULT_OFFSET);
    }

    /**
     * Copies descriptor {@code d}'s output bytes ({@code out_ptr}, {@code out_len}) into a new pooled buffer owned by
     * the node: one payload-write. Its content type is the descriptor's {@code out_content_type_*}, or
     * {@code inheritedType} when that is 0.
     *
     * @throws TorvynException E0403 when the bytes lie outside the memory, E0301/E0305/E0310 from the pool
     */
    long emitBytes(final int d, final int inheritedType) {
        final int o = HEADER_LENGTH + d * DESCRIPTOR_LENGTH;
        final int ptr = (int) INT.get(mirror, o + OUT_PTR_OFFSET);
        final int len = (int) INT.get(mirror, o + OUT_LEN_OFFSET);
        final int typePtr = (int) INT.get(mirror, o + OUT_CONTENT_TYPE_PTR_OFFSET);
        final int typeLength = (int) INT.get(mirror, o + OUT_CONTENT_TYPE_LEN_OFFSET);
        if (len < 0 || !memory.inBounds(ptr, len)) {
            throw ComponentErrors.outputOutOfBounds(where, d, ptr, len);
        }
        final int type = typePtr == 0 ? inheritedType : host.contentTypeOf(typePtr, typeLength);
        if (type < 0) {
            throw ComponentErrors.outputOutOfBounds(where, d, typePtr, typeLength);
        }
        final long eh = pool.allocate(client, len);
        memory.copyOut(ptr, pool.address(eh), len);
        pool.setLength(client, eh, len);
        pool.accountCopy(client, eh, CopyReason.PAYLOAD_WRITE, 0, len);
        pool.setContentType(client, eh, type);
        return eh;
    }
}
