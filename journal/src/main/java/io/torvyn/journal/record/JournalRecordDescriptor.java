package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The binary layout of one journal record, shared by the writer (which fills it on the recording stage's thread and
 * seals it on the journal thread) and every reader (which trusts none of it until {@link #validate} says so).
 *
 * <p>Every record starts with the same 96-byte frame, little-endian, 8-byte aligned. An {@link #KIND_OP operation
 * record} is exactly the frame; a {@link #KIND_PAYLOAD payload record} ({@code source-payload}, level payloads) is
 * the frame followed by up to {@link #MAX_CHUNK} payload bytes, padded to 8. A payload larger than one chunk is
 * recorded as several payload records of the same element and handle, each carrying its position in {@code offset}
 * and the whole payload's length in {@code aux}, so a record never exceeds a bounded size and a ring never needs to
 * grow.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |         magic 'T' 'J'         |    version    |     kind      |  0
 *  +-------------------------------+---------------+---------------+
 *  |                        frame length                           |  4
 *  +---------------------------------------------------------------+
 *  |                          time_ns                              |  8
 *  +---------------------------------------------------------------+
 *  |                        element_seq                            | 16
 *  +---------------------------------------------------------------+
 *  |                   handle (slot | generation)                  | 24
 *  +---------------------------------------------------------------+
 *  |                           offset                              | 32
 *  +---------------------------------------------------------------+
 *  |                           length                              | 40
 *  +---------------------------------------------------------------+
 *  |                        copied_bytes                           | 48
 *  +---------------------------------------------------------------+
 *  |                            fuel                               | 56
 *  +---------------------------------------------------------------+
 *  |                            aux                                | 64
 *  +---------------------------------------------------------------+
 *  |                        payload_hash                           | 72
 *  +-------------------------------+-------------------------------+
 *  |             node              |          generation           | 80
 *  +---------------+---------------+-------------------------------+
 *  |      op       |     tier      |        checksum (CRC32C)      | 88
 *  +---------------+---------------+-------------------------------+
 *  |        payload bytes (payload records only), padded to 8    ...  96
 *  +---------------------------------------------------------------+
 * </pre>
 * (The 64-bit fields each take two rows of the diagram; node, generation and checksum are 32-bit, op and tier 16-bit.)
 *
 * <p>The checksum is CRC32C over every byte of the frame except the checksum itself, and over the payload bytes up to
 * the frame length (not the padding). Version, magic and checksum let a reader spot a zeroed, torn or flipped record
 * and skip exactly it; the 4-byte-aligned {@link #MAGIC} lets it find the next record after a damaged length.
 *
 * <p>Field meanings per operation (beyond the obvious): {@code alloc}/{@code fallback-alloc}: length = capacity,
 * aux = requested size; {@code write}/{@code read}: offset = position in the buffer, copied_bytes = bytes copied,
 * aux = input offset of a file source's write; {@code clone}: aux = source handle; {@code release}: aux = references
 * left (0 = back to the pool); {@code publish}: aux = stream index, offset = queue depth after the enqueue,
 * payload_hash = hash of the published payload (level payloads); {@code consume}/{@code drop}/{@code backpressure-*}:
 * aux = stream index (-1: no stream); {@code forward}/{@code route}: aux = port mask; {@code invoke-begin}/
 * {@code invoke-end}: length = elements in the call, fuel = fuel consumed, aux = status (0 ok, 1 failed);
 * {@code error}: aux = error code ordinal; {@code source-payload}: offset = chunk position, length = chunk length,
 * aux = payload length, fuel = content-type id, payload_hash = hash of the whole payload; {@code flow-start}:
 * aux = level ordinal; {@code flow-end}: length = elements delivered, copied_bytes = bytes copied, fuel = copies,
 * aux = exit code.
 */
public final class JournalRecordDescriptor {
    /** 'T','J' read as a little-endian short. */
    public static final short MAGIC = 0x4A54;
    public static final byte VERSION = 1;

    /** An operation record: the 96-byte frame alone. */
    public static final byte KIND_OP = 1;
    /** A source-payload record: the frame then payload bytes. */
    public static final byte KIND_PAYLOAD = 2;
    /** Ring filler up to the end of the ring's memory; never written to a queue. */
    public static final byte KIND_PADDING = 0x7F;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int KIND_OFFSET = 3;
    public static final int FRAME_LENGTH_OFFSET = 4;
    public static final int TIME_OFFSET = 8;
    public static final int ELEMENT_SEQ_OFFSET = 16;
    public static final int HANDLE_OFFSET = 24;
    public static final int OFFSET_OFFSET = 32;
    public static final int LENGTH_OFFSET = 40;
    public static final int COPIED_BYTES_OFFSET = 48;
    public static final int FUEL_OFFSET = 56;
    public static final int AUX_OFFSET = 64;
    public static final int PAYLOAD_HASH_OFFSET = 72;
    public static final int NODE_OFFSET = 80;
    public static final int GENERATION_OFFSET = 84;
    public static final int OP_OFFSET = 88;
    public static final int TIER_OFFSET = 90;
    public static final int CHECKSUM_OFFSET = 92;
    /** Bytes of the frame; the size of an operation record. */
    public static final int FRAME_LENGTH = 96;
    /** Most payload bytes one payload record carries. */
    public static final int MAX_CHUNK = 16 << 10;
    /** The largest record: a frame with a full chunk. */
    public static final int MAX_RECORD = FRAME_LENGTH + MAX_CHUNK;
    /** Records start at multiples of this within a ring and a queue document. */
    public static final int ALIGNMENT = 8;
    /** The node of records that belong to the flow rather than a node (flow-start, flow-end). */
    public static final int FLOW_NODE = -1;

    private JournalRecordDescriptor() {
    }

    /** {@code frameLength} rounded up to {@link #ALIGNMENT}: the bytes a record takes. */
    public static int alignedLength(final int frameLength) {
        return (frameLength + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Writes the frame fields of a record at {@code at} of a buffer in little-endian order; the checksum is left
     * for {@link #seal}.
     */
    public static void writeFrame(final ByteBuffer b, final int at, final byte kind, final int frameLength,
                                  final long timeNs, final long elementSeq, final int node, final int op,
                                  final long handle, final int tier, final long offset, final long length,
                                  final long copiedBytes, final long fuel, final long aux, final long payloadHash) {
        b.putShort(at + MAGIC_OFFSET, MAGIC);
        b.put(at + VERSION_OFFSET, VERSION);
        b.put(at + KIND_OFFSET, kind);
        b.putInt(at + FRAME_LENGTH_OFFSET, frameLength);
        b.putLong(at + TIME_OFFSET, timeNs);
        b.putLong(at + ELEMENT_SEQ_OFFSET, elementSeq);
        b.putLong(at + HANDLE_OFFSET, handle);
        b.putLong(at + OFFSET_OFFSET, offset);
        b.putLong(at + LENGTH_OFFSET, length);
        b.putLong(at + COPIED_BYTES_OFFSET, copiedBytes);
        b.putLong(at + FUEL_OFFSET, fuel);
        b.putLong(at + AUX_OFFSET, aux);
        b.putLong(at + PAYLOAD_HASH_OFFSET, payloadHash);
        b.putInt(at + NODE_OFFSET, node);
        b.putInt(at + GENERATION_OFFSET, (int) (handle >>> 32));
        b.putShort(at + OP_OFFSET, (short) op);
        b.putShort(at + TIER_OFFSET, (short) tier);
        b.putInt(at + CHECKSUM_OFFSET, 0);
    }

    /**
     * The checksum of the record at {@code at} whose frame length is {@code frameLength}: CRC32C of the frame without
     * its checksum field, then the payload. Moves {@code view}'s position (a view private to the caller) and leaves
     * its limit at its capacity.
     */
    public static int checksum(final CRC32C crc, final ByteBuffer view, final int at, final int frameLength) {
        crc.reset();
        view.limit(at + CHECKSUM_OFFSET).position(at);
        crc.update(view);
        if (frameLength > FRAME_LENGTH) {
            view.limit(at + frameLength).position(at + FRAME_LENGTH);
            crc.update(view);
        }
        view.limit(view.capacity());
        return (int) crc.getValue();
    }

    /** Computes and stores the checksum of the record at {@code at}. */
    public static void seal(final CRC32C crc, final ByteBuffer view, final int at) {
        final int frameLength = view.getInt(at + FRAME_LENGTH_OFFSET);
        view.putInt(at + CHECKSUM_OFFSET, checksum(crc, view, at, frameLength));
    }

    /** Whether a plausible record header (magic, version, kind) starts at {@code at}. */
    public static boolean looksLikeRecord(final ByteBuffer b, final int at) {
        return b.getShort(at + MAGIC_OFFSET) == MAGIC && b.get(at + VERSION_OFFSET) == VERSION
            && (b.get(at + KIND_OFFSET) == KIND_OP || b.get(at + KIND_OFFSET) == KIND_PAYLOAD);
    }

    /**
     * Why the record at {@code at} (with {@code available} bytes from there to the end of its document) is not a
     * valid record, or null when it is. Checks the header, the frame length against the kind, the checksum, then
     * field ranges: op code, kind/op agreement, non-negative sizes, a generation that matches the handle.
     */
    public static String validate(final CRC32C crc, final ByteBuffer view, final int at, final int available) {
        if (available < FRAME_LENGTH) {
            return "truncated record: " + available + " of at least " + FRAME_LENGTH + " bytes";
        }
        if (view.getShort(at + MAGIC_OFFSET) != MAGIC) {
            return "bad magic 0x" + Integer.toHexString(view.getShort(at + MAGIC_OFFSET) & 0xFFFF);
        }
        if (view.get(at + VERSION_OFFSET) != VERSION) {
            return "unsupported record version " + view.get(at + VERSION_OFFSET);
        }
        final byte kind = view.get(at + KIND_OFFSET);
        final int frameLength = view.getInt(at + FRAME_LENGTH_OFFSET);
        if (kind == KIND_OP) {
            if (frameLength != FRAME_LENGTH) {
                return "operation record with frame length " + frameLength;
            }
        } else if (kind == KIND_PAYLOAD) {
            if (frameLength < FRAME_LENGTH || frameLength > MAX_RECORD) {
                return "payload record with frame length " + frameLength;
            }
        } else {
            return "unknown record kind " + kind;
        }
        if (alignedLength(frameLength) > available) {
            return "truncated record: " + available + " of " + alignedLength(frameLength) + " bytes";
        }
        final int stored = view.getInt(at + CHECKSUM_OFFSET);
        final int actual = checksum(crc, view, at, frameLength);
        if (stored != actual) {
            return "checksum mismatch (stored 0x" + Integer.toHexString(stored) + ", computed 0x"
                + Integer.toHexString(actual) + ")";
        }
        return validateFields(view, at, kind, frameLength);
    }

    private static String validateFields(final ByteBuffer view, final int at, final byte kind, final int frameLength) {
        final int op = view.getShort(at + OP_OFFSET);
        if (!BufferOps.isValid(op)) {
            return "unknown operation code " + op;
        }
        if ((kind == KIND_PAYLOAD) != (op == BufferOps.SOURCE_PAYLOAD)) {
            return "operation " + BufferOps.name(op) + " in a record of kind " + kind;
        }
        if (view.getLong(at + LENGTH_OFFSET) < 0 || view.getLong(at + COPIED_BYTES_OFFSET) < 0
            || view.getLong(at + OFFSET_OFFSET) < 0 || view.getLong(at + FUEL_OFFSET) < 0) {
            return "negative length, offset, copied bytes or fuel";
        }
        if (view.getInt(at + NODE_OFFSET) < FLOW_NODE || view.getShort(at + TIER_OFFSET) < -1) {
            return "node or tier out of range";
        }
        if (view.getInt(at + GENERATION_OFFSET) != (int) (view.getLong(at + HANDLE_OFFSET) >>> 32)) {
            return "generation does not match the handle";
        }
        if (kind == KIND_PAYLOAD && view.getLong(at + LENGTH_OFFSET) != frameLength - FRAME_LENGTH) {
            return "payload chunk length disagrees with the frame length";
        }
        return null;
    }
}
