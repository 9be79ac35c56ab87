package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.HandleDescriptor;

import java.nio.ByteBuffer;

import static io.torvyn.journal.record.JournalRecordDescriptor.AUX_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.COMPACT_HASH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.COMPACT_LENGTH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.COPIED_BYTES_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.DELTA_SEQ_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.DELTA_TIME_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.ELEMENT_SEQ_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.FULL_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.FUEL_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.HANDLE_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.LENGTH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.OFFSET_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.PAYLOAD_HASH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.SHAPE_COPY;
import static io.torvyn.journal.record.JournalRecordDescriptor.SHAPE_INVOKE;
import static io.torvyn.journal.record.JournalRecordDescriptor.TIME_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.X_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.Y_OFFSET;

/**
 * One validated journal record, decoded onto the heap for the offline readers (trace, replay, analyze). The writer
 * never builds these: it writes the {@link JournalRecordDescriptor} layout directly.
 *
 * @param queue       the queue it was read from
 * @param index       the Chronicle index of the document holding it
 * @param payload     the payload chunk of a source-payload record, else null
 */
public record JournalRecord(String queue, long index, long timeNs, long elementSeq, int node, int op, long handle,
                            int generation, int tier, long offset, long length, long copiedBytes, long fuel,
                            long aux, long payloadHash, byte[] payload) {

    /**
     * Decodes the (already validated) record at {@code at} of a document of node {@code node}, whose tiny and compact
     * fields are relative to {@code anchorTime} and {@code anchorSeq} (the header's anchor, or the last full record's).
     */
    public static JournalRecord decode(final ByteBuffer b, final int at, final String queue, final long index,
                                       final int node, final long anchorTime, final long anchorSeq) {
        final long w = b.getLong(at);
        final int op = JournalRecordDescriptor.op(w);
        if (JournalRecordDescriptor.isFull(w)) {
            final int tier = (byte) (w >>> 8);
            final long handle = b.getLong(at + HANDLE_OFFSET);
            final int chunk = (int) (w >>> 32);
            byte[] payload = null;
            if (op == BufferOps.SOURCE_PAYLOAD) {
                payload = new byte[chunk];
                b.get(at + FULL_LENGTH, payload);
            }
            return new JournalRecord(queue, index, b.getLong(at + TIME_OFFSET), b.getLong(at + ELEMENT_SEQ_OFFSET),
                node, op, handle, HandleDescriptor.generation(handle), tier, b.getLong(at + OFFSET_OFFSET),
                b.getLong(at + LENGTH_OFFSET), b.getLong(at + COPIED_BYTES_OFFSET), b.getLong(at + FUEL_OFFSET),
                b.getLong(at + AUX_OFFSET), b.getLong(at + PAYLOAD_HASH_OFFSET), payload);
        }
        final long time;
        final long seq;
        final long length;
        final long x;
        final long y;
        final long handle;
        final int tier;
        long hash = 0;
        if (JournalRecordDescriptor.form(w) == JournalRecordDescriptor.FORM_TINY) {
            final long w1 = b.getLong(at + 8);
            tier = (int) (w >>> 8 & 7) - 1;
            time = anchorTime + (w >>> 11 & JournalRecordDescriptor.TINY_MAX_DELTA_TIME);
            final long deltaSeq = ((w >>> 36 & 0x3FF) ^ 0x200) - 0x200;
            seq = deltaSeq == JournalRecordDescriptor.TINY_NO_ELEMENT ? JournalRecordDescriptor.NO_ELEMENT
                : anchorSeq + deltaSeq;
            handle = HandleDescriptor.handle((int) (w >>> 46),
                (int) (w1 & JournalRecordDescriptor.TINY_MAX_GENERATION));
            length = w1 >>> 20 & JournalRecordDescriptor.TINY_MAX_LENGTH;
            x = (short) (w1 >>> 36);
            y = w1 >>> 52;
        } else {
            tier = (byte) (w >>> 8);
            handle = b.getLong(at + HANDLE_OFFSET);
            time = anchorTime + Integer.toUnsignedLong(b.getInt(at + DELTA_TIME_OFFSET));
            final int deltaSeq = b.getInt(at + DELTA_SEQ_OFFSET);
            seq = deltaSeq == JournalRecordDescriptor.COMPACT_NO_ELEMENT ? JournalRecordDescriptor.NO_ELEMENT
                : anchorSeq + deltaSeq;
            length = Integer.toUnsignedLong(b.getInt(at + COMPACT_LENGTH_OFFSET));
            x = b.getInt(at + X_OFFSET);
            y = Integer.toUnsignedLong(b.getInt(at + Y_OFFSET));
            if (JournalRecordDescriptor.form(w) == JournalRecordDescriptor.FORM_COMPACT_HASHED) {
                hash = b.getLong(at + COMPACT_HASH_OFFSET);
            }
        }
        long offset = 0;
        long copied = 0;
        long fuel = 0;
        long aux = 0;
        switch (JournalRecordDescriptor.shape(op)) {
            case SHAPE_COPY -> {
                copied = x;
                offset = y;
            }
            case SHAPE_INVOKE -> {
                aux = x;
                fuel = y;
            }
            default -> {
                aux = x;
                offset = y;
            }
        }
        return new JournalRecord(queue, index, time, seq, node, op, handle, HandleDescriptor.generation(handle), tier,
            offset, length, copied, fuel, aux, hash, null);
    }

    /** Whether this record was written in full, and so is the anchor of the records after it. */
    public static boolean isAnchor(final ByteBuffer b, final int at) {
        return JournalRecordDescriptor.isFull(b.getLong(at));
    }

    /** The spec's name of the operation. */
    public String opName() {
        return BufferOps.name(op);
    }

    /** The handle-table slot of the buffer (its {@code B<slot>} label in trace). */
    public int slot() {
        return HandleDescriptor.slot(handle);
    }

    /** Whether this operation copied payload bytes (read, write, clone). */
    public boolean isCopy() {
        return copiedBytes > 0 && (op == BufferOps.READ || op == BufferOps.WRITE || op == BufferOps.CLONE);
    }

    @Override
    public String toString() {
        return opName() + "{seq=" + elementSeq + ", node=" + node + ", handle=" + HandleDescriptor.describe(handle)
            + ", tier=" + tier + ", offset=" + offset + ", length=" + length + ", copied=" + copiedBytes + ", fuel="
            + fuel + ", aux=" + aux + ", t=" + timeNs + "}";
    }
}
