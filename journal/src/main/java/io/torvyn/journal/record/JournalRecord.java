package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.HandleDescriptor;

import java.nio.ByteBuffer;

import static io.torvyn.journal.record.JournalRecordDescriptor.AUX_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.COPIED_BYTES_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.ELEMENT_SEQ_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.FRAME_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.FRAME_LENGTH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.FUEL_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.GENERATION_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.HANDLE_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.LENGTH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.NODE_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.OFFSET_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.OP_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.PAYLOAD_HASH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.TIER_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.TIME_OFFSET;

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

    /** Decodes the (already validated) record at {@code at}. */
    public static JournalRecord decode(final ByteBuffer b, final int at, final String queue, final long index) {
        final int frameLength = b.getInt(at + FRAME_LENGTH_OFFSET);
        byte[] payload = null;
        if (frameLength > FRAME_LENGTH) {
            payload = new byte[frameLength - FRAME_LENGTH];
            b.get(at + FRAME_LENGTH, payload);
        }
        return new JournalRecord(queue, index, b.getLong(at + TIME_OFFSET), b.getLong(at + ELEMENT_SEQ_OFFSET),
            b.getInt(at + NODE_OFFSET), b.getShort(at + OP_OFFSET), b.getLong(at + HANDLE_OFFSET),
            b.getInt(at + GENERATION_OFFSET), b.getShort(at + TIER_OFFSET), b.getLong(at + OFFSET_OFFSET),
            b.getLong(at + LENGTH_OFFSET), b.getLong(at + COPIED_BYTES_OFFSET), b.getLong(at + FUEL_OFFSET),
            b.getLong(at + AUX_OFFSET), b.getLong(at + PAYLOAD_HASH_OFFSET), payload);
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
