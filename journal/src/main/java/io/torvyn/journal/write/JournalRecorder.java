package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.BufferRecorder;
import io.torvyn.engine.builtin.FileSource;
import io.torvyn.journal.record.JournalRecordDescriptor;
import io.torvyn.journal.record.PayloadHash;
import net.openhft.chronicle.core.UnsafeMemory;

import java.util.function.LongSupplier;

import static io.torvyn.journal.record.JournalRecordDescriptor.COMPACT_HASHED_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.COMPACT_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.FULL_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.TINY_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.TINY_MAX_DELTA_SEQ;
import static io.torvyn.journal.record.JournalRecordDescriptor.MAX_CHUNK;

/**
 * One node's recording point: turns each {@link BufferRecorder} call into a fixed binary record in the node's
 * {@link RecordRing}, on the stage's own thread, without allocating, locking or touching a file. It maps the pool's
 * generic arguments onto the record's fields (see {@link JournalRecordDescriptor} for what each field means per
 * operation), writes the 16-byte tiny form whenever the values fit and keeps the anchor (the last full record's time
 * and sequence) the tiny and compact forms are relative to. Between {@link #beginBatch()} and {@link #endBatch()} (a
 * stage taking, publishing or releasing a batch in one loop) its records share one clock reading, which is most of
 * what a record costs the stage. At level payloads it hashes every published payload and copies every payload a
 * source publishes into {@code source-payload} records so a replay needs no source.
 */
public final class JournalRecorder implements BufferRecorder {
    private final RecordRing ring;
    private final int node;
    private final LongSupplier clock;
    private final BufferPool pool;
    private final boolean payloads;
    private final boolean source;
    private final FileSource fileSource;
    private long hashedHandle;
    private long hashedSeq = Long.MIN_VALUE;
    private long hash;
    private long payloadHandle;
    private long payloadSeq = Long.MIN_VALUE;
    private boolean batching;
    private boolean batchTimed;
    private long batchTime;
    private long waitsSeen;
    private boolean anchored;
    private long anchorTime;
    private long anchorSeq;

    /**
     * @param payloads   level payloads: hash published payloads, and record a source's payload bytes
     * @param source     whether the node is a source (its published payloads are recorded at level payloads)
     * @param fileSource the node's file source, whose input offset goes into its write records, or null
     */
    public JournalRecorder(final RecordRing ring, final int node, final LongSupplier clock, final BufferPool pool,
                           final boolean payloads, final boolean source, final FileSource fileSource) {
        this.ring = ring;
        this.node = node;
        this.clock = clock;
        this.pool = pool;
        this.payloads = payloads;
        this.source = source;
        this.fileSource = fileSource;
    }

    @Override
    public void record(final int op, final BufferClient client, final long handle, final int tier, final long length,
                       final long copiedBytes, final long aux) {
        long offset = 0;
        long recordAux = aux;
        long payloadHash = 0;
        switch (op) {
            case BufferOps.READ:
                offset = aux;
                recordAux = 0;
                break;
            case BufferOps.WRITE:
                offset = aux;
                recordAux = fileSource == null ? 0 : fileSource.inputOffset();
                break;
            case BufferOps.PUBLISH:
                recordAux = (int) aux;
                offset = aux >>> 32;
                if (payloads) {
                    payloadHash = publishedHash(client.elementSeq, handle, tier, length);
                }
                break;
            default:
                break;
        }
        write(client.elementSeq, op, handle, tier, offset, length, copiedBytes, 0, recordAux, payloadHash);
    }

    @Override
    public void recordInvocation(final int op, final BufferClient client, final int elements, final long fuel,
                                 final long status) {
        write(client.elementSeq, op, 0, -1, 0, elements, 0, fuel, status, 0);
    }

    @Override
    public void beginBatch() {
        batching = true;
        batchTimed = false;
    }

    @Override
    public void endBatch() {
        batching = false;
    }

    /** The time of the next record: the clock, or the batch's one reading while a batch runs. */
    private long now() {
        if (!batching) {
            return clock.getAsLong();
        }
        if (!batchTimed) {
            batchTime = clock.getAsLong();
            batchTimed = true;
        }
        return batchTime;
    }

    /**
     * After the stage had to wait for room in the ring, the rest of its batch is no longer "at the same time": the
     * next record reads the clock again.
     */
    private void afterClaim() {
        final long waits = ring.producerWaits();
        if (waits != waitsSeen) {
            waitsSeen = waits;
            batchTimed = false;
        }
    }

    /** The hash of a published payload, once per element and handle however many streams it fans out to. */
    private long publishedHash(final long seq, final long handle, final int tier, final long length) {
        if (handle == hashedHandle && seq == hashedSeq) {
            return hash;
        }
        final long address = pool.address(handle);
        hash = PayloadHash.hash(address, length);
        hashedHandle = handle;
        hashedSeq = seq;
        if (source && !(handle == payloadHandle && seq == payloadSeq)) {
            payloadHandle = handle;
            payloadSeq = seq;
            writePayload(seq, handle, tier, address, length, pool.contentType(handle), hash);
        }
        return hash;
    }

    private void writePayload(final long seq, final long handle, final int tier, final long address,
                              final long total, final int contentType, final long payloadHash) {
        long position = 0;
        do {
            final int chunk = (int) Math.min(MAX_CHUNK, total - position);
            final int length = JournalRecordDescriptor.fullLength(chunk);
            final long timeNs = now();
            final int at = ring.claim(length);
            afterClaim();
            if (at < 0) {
                return;
            }
            final long to = ring.address() + at;
            JournalRecordDescriptor.putFull(to, BufferOps.SOURCE_PAYLOAD, tier, chunk, timeNs, seq, handle, position,
                chunk, 0, contentType, total, payloadHash);
            UnsafeMemory.UNSAFE.copyMemory(address + position, to + FULL_LENGTH, chunk);
            ring.commit(length);
            anchorTime = timeNs;
            anchorSeq = JournalRecordDescriptor.anchorSeqAfter(anchorSeq, seq);
            anchored = true;
            position += chunk;
        } while (position < total);
    }

    /**
     * Writes one operation record in the smallest form it fits: tiny or compact while the time and sequence are within
     * the tiny form's range of the anchor, else full, which becomes the new anchor (so the records after it are tiny
     * again).
     */
    private void write(final long seq, final int op, final long handle, final int tier, final long offset,
                       final long length, final long copiedBytes, final long fuel, final long aux,
                       final long payloadHash) {
        final long timeNs = now();
        final long deltaTime = timeNs - anchorTime;
        final boolean noElement = seq == JournalRecordDescriptor.NO_ELEMENT;
        final long deltaSeq = seq - anchorSeq;
        final int shape = JournalRecordDescriptor.shape(op);
        final long x = shape == JournalRecordDescriptor.SHAPE_COPY ? copiedBytes : aux;
        final long y = shape == JournalRecordDescriptor.SHAPE_INVOKE ? fuel : offset;
        final long rest = shape == JournalRecordDescriptor.SHAPE_COPY ? aux | fuel
            : shape == JournalRecordDescriptor.SHAPE_INVOKE ? offset | copiedBytes : copiedBytes | fuel;
        if (anchored && (rest | deltaTime & ~JournalRecordDescriptor.TINY_MAX_DELTA_TIME) == 0 && (noElement
            || Long.compareUnsigned(deltaSeq + TINY_MAX_DELTA_SEQ, 2 * TINY_MAX_DELTA_SEQ) <= 0)) {
            if (payloadHash == 0 && JournalRecordDescriptor.fitsTiny(tier, handle, length, x, y)) {
                final int at = ring.claim(TINY_LENGTH);
                afterClaim();
                if (at >= 0) {
                    JournalRecordDescriptor.putTiny(ring.address() + at, op, tier, deltaTime,
                        noElement ? JournalRecordDescriptor.TINY_NO_ELEMENT : deltaSeq, handle, length, x, y);
                    ring.commit(TINY_LENGTH);
                }
                return;
            }
            if (JournalRecordDescriptor.fitsUnsigned32(length) && JournalRecordDescriptor.fitsSigned32(x)
                && JournalRecordDescriptor.fitsUnsigned32(y)) {
                final int size = payloadHash == 0 ? COMPACT_LENGTH : COMPACT_HASHED_LENGTH;
                final int at = ring.claim(size);
                afterClaim();
                if (at >= 0) {
                    JournalRecordDescriptor.putCompact(ring.address() + at, op, tier, deltaTime,
                        noElement ? JournalRecordDescriptor.COMPACT_NO_ELEMENT : deltaSeq, length, handle, x, y,
                        payloadHash);
                    ring.commit(size);
                }
                return;
            }
        }
        final int at = ring.claim(FULL_LENGTH);
        afterClaim();
        if (at < 0) {
            return;
        }
        JournalRecordDescriptor.putFull(ring.address() + at, op, tier, 0, timeNs, seq, handle, offset, length,
            copiedBytes, fuel, aux, payloadHash);
        ring.commit(FULL_LENGTH);
        anchorTime = timeNs;
        anchorSeq = JournalRecordDescriptor.anchorSeqAfter(anchorSeq, seq);
        anchored = true;
    }

    /** The ring this recorder writes to. */
    public RecordRing ring() {
        return ring;
    }

    public int node() {
        return node;
    }
}
