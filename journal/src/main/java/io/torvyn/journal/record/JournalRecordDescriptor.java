package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;
import net.openhft.chronicle.core.UnsafeMemory;
import sun.misc.Unsafe;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The binary layout of the journal, shared by the writer (recorders fill records on the stage's thread, the journal
 * thread frames them into documents) and every reader (which trusts none of it until {@link #validateHeader},
 * the checksum and {@link #validateRecord} say so). Little-endian, 8-byte aligned throughout.
 *
 * <h2>Documents</h2>
 * Each Chronicle document of a node's queue is one batch: a 48-byte header, then the node's records in the order it
 * made them. The checksum (CRC32C) covers the header up to the checksum field and the whole body, so a reader that
 * finds damage reports and skips exactly that document (E0600 with its queue and index) and reads on from the next;
 * {@code first record}, the count of the node's records before this document, tells it how many records a skipped
 * or missing document held.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |         magic 'T' 'J'         |    version    |  kind (batch) |  0
 *  +-------------------------------+---------------+---------------+
 *  |                      body length (bytes)                      |  4
 *  +---------------------------------------------------------------+
 *  |                     node (-1: flow queue)                     |  8
 *  +---------------------------------------------------------------+
 *  |                       records in the body                     | 12
 *  +---------------------------------------------------------------+
 *  |                 first record (64-bit, node's count)           | 16
 *  +---------------------------------------------------------------+
 *  |                     anchor time_ns (64-bit)                   | 24
 *  +---------------------------------------------------------------+
 *  |                    anchor element_seq (64-bit)                | 32
 *  +---------------------------------------------------------------+
 *  |                       checksum (CRC32C)                       | 40
 *  +---------------------------------------------------------------+
 *  |                           reserved (0)                        | 44
 *  +---------------------------------------------------------------+
 *  |                    records ...                                | 48
 * </pre>
 *
 * <h2>Records</h2>
 * A record's first byte holds its operation (low 5 bits) and its form (high 3 bits), which fixes its length, so the
 * journal thread can walk a ring without decoding. Time and element sequence are written as deltas from the current
 * <em>anchor</em>, the time and sequence of the last full record (a full record of no element, sequence -1, moves
 * only the time); the header carries the anchor in force at the start of its body, so each document decodes on its
 * own. Sequence -1 has a delta value of its own ({@link #TINY_NO_ELEMENT}, {@link #COMPACT_NO_ELEMENT}), so records
 * of no element neither leave the small forms nor move the anchor. The recorder writes the smallest form the values
 * fit, and a full record (a new anchor) whenever the deltas would leave the tiny form's range, so nearly every
 * record is tiny.
 * <ul>
 *   <li><b>tiny</b> (16 bytes): two little-endian words of bit fields, for buffer operations of an ordinary run.
 *   <li><b>compact</b> (32 bytes, or 40 with a payload hash): 32-bit fields, for values the tiny form cannot hold.
 *   <li><b>full</b> (80 bytes, plus the chunk of a {@code source-payload}): every field at 64 bits; an anchor.
 * </ul>
 * <pre>
 *  tiny, word 0 (bits)               tiny, word 1 (bits)           compact                      full
 *   0..4  op                          0..19  generation (20)        0  op | form << 5   u8      0  op | form << 5   u8
 *   5..7  form (1)                   20..35  length (16)            1  tier             i8      1  tier             i8
 *   8..10 tier + 1 (0: none)         36..51  x (16, signed)         4  time - anchor    u32     4  chunk length     u32
 *  11..35 time - anchor (25)         52..63  y (12)                 8  seq - anchor     i32     8  time_ns          i64
 *  36..45 seq - anchor (10, signed)                                12  length           u32    16  handle           i64
 *  46..63 slot (18)                                                16  handle           i64    24  element_seq      i64
 *                                                                  24  x                i32    32  offset           i64
 *                                                                  28  y                u32    40  length           i64
 *                                                                  32  payload_hash     i64    48  copied_bytes     i64
 *                                                                      (form 3 only)           56  fuel             i64
 *                                                                                              64  aux              i64
 *                                                                                              72  payload_hash     i64
 *                                                                                              80  chunk, padded to 8
 * </pre>
 * Forms: 1 tiny, 2 compact, 3 compact with hash, 4 full. The handle of a tiny record is its slot and generation; x
 * and y of tiny and compact records are, by operation: {@code read}/{@code write}: copied_bytes, offset;
 * {@code invoke-begin}/{@code invoke-end}: aux (status), fuel; every other operation: aux, offset. The fields a form
 * does not hold are zero; the node is the header's; the generation is the handle's high half.
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
 *
 * <p>Inside a recording ring (never in a queue) a record of form {@link #FORM_PADDING} fills the memory up to the
 * ring's end; the 32 bits at its offset 4 are its length.
 */
public final class JournalRecordDescriptor {
    /** 'T','J' read as a little-endian short. */
    public static final short MAGIC = 0x4A54;
    public static final byte VERSION = 2;
    /** The only document kind: a batch of one node's records. */
    public static final byte KIND_BATCH = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int KIND_OFFSET = 3;
    public static final int BODY_LENGTH_OFFSET = 4;
    public static final int NODE_OFFSET = 8;
    public static final int COUNT_OFFSET = 12;
    public static final int FIRST_RECORD_OFFSET = 16;
    public static final int ANCHOR_TIME_OFFSET = 24;
    public static final int ANCHOR_SEQ_OFFSET = 32;
    public static final int CHECKSUM_OFFSET = 40;
    /** Bytes of a document header. */
    public static final int HEADER_LENGTH = 48;

    public static final int OP_FORM_OFFSET = 0;
    public static final int TIER_OFFSET = 1;
    public static final int DELTA_TIME_OFFSET = 4;
    public static final int DELTA_SEQ_OFFSET = 8;
    public static final int COMPACT_LENGTH_OFFSET = 12;
    public static final int HANDLE_OFFSET = 16;
    public static final int X_OFFSET = 24;
    public static final int Y_OFFSET = 28;
    public static final int COMPACT_HASH_OFFSET = 32;
    public static final int CHUNK_OFFSET = 4;
    public static final int TIME_OFFSET = 8;
    public static final int ELEMENT_SEQ_OFFSET = 24;
    public static final int OFFSET_OFFSET = 32;
    public static final int LENGTH_OFFSET = 40;
    public static final int COPIED_BYTES_OFFSET = 48;
    public static final int FUEL_OFFSET = 56;
    public static final int AUX_OFFSET = 64;
    public static final int PAYLOAD_HASH_OFFSET = 72;

    public static final int FORM_TINY = 1;
    public static final int FORM_COMPACT = 2;
    public static final int FORM_COMPACT_HASHED = 3;
    public static final int FORM_FULL = 4;
    /** Ring filler up to the end of the ring's memory; never written to a queue. */
    public static final int FORM_PADDING = 7;

    public static final int TINY_LENGTH = 16;
    /** Bytes of a compact record without, and with, a payload hash. */
    public static final int COMPACT_LENGTH = 32;
    public static final int COMPACT_HASHED_LENGTH = 40;
    /** Bytes of a full record before its payload chunk. */
    public static final int FULL_LENGTH = 80;
    /** Most payload bytes one source-payload record carries. */
    public static final int MAX_CHUNK = 16 << 10;
    /** The largest record: a full record with a full chunk. */
    public static final int MAX_RECORD = FULL_LENGTH + MAX_CHUNK;
    /** Records start at multiples of this within a ring and a document body. */
    public static final int ALIGNMENT = 8;
    /** The node of records that belong to the flow rather than a node (flow-start, flow-end). */
    public static final int FLOW_NODE = -1;

    /** Largest time delta (ns) and sequence-delta magnitude of a tiny record: past them the recorder re-anchors. */
    public static final long TINY_MAX_DELTA_TIME = (1L << 25) - 1;
    public static final long TINY_MAX_DELTA_SEQ = (1L << 9) - 1;
    /** The tiny and compact sequence deltas that stand for element_seq -1 (no element), whatever the anchor. */
    public static final long TINY_NO_ELEMENT = -(1L << 9);
    public static final long COMPACT_NO_ELEMENT = Integer.MIN_VALUE;
    /** The element_seq of records that concern no element (a source's call, a stage-level event). */
    public static final long NO_ELEMENT = -1;
    /** Largest tier, slot, generation, length and y a tiny record holds; its x is a signed 16-bit value. */
    public static final int TINY_MAX_TIER = 6;
    public static final long TINY_MAX_SLOT = (1L << 18) - 1;
    public static final long TINY_MAX_GENERATION = (1L << 20) - 1;
    public static final long TINY_MAX_LENGTH = (1L << 16) - 1;
    public static final long TINY_MAX_Y = (1L << 12) - 1;

    /** How a compact record's x and y map onto the generic fields. */
    public static final int SHAPE_PLAIN = 0;
    public static final int SHAPE_COPY = 1;
    public static final int SHAPE_INVOKE = 2;

    private static final Unsafe UNSAFE = UnsafeMemory.UNSAFE;
    private static final boolean LITTLE = UnsafeMemory.IS_LITTLE_ENDIAN;
    private static final long U32 = 0xFFFF_FFFFL;
    private static final long TINY_SLOT_OVERFLOW = 0xFFFF_FFFFL & ~TINY_MAX_SLOT;
    private static final int OP_MASK = 0x1F;
    private static final int FORM_SHIFT = 5;

    private JournalRecordDescriptor() {
    }

    /** {@code length} rounded up to {@link #ALIGNMENT}. */
    public static int alignedLength(final int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Which of {@link #SHAPE_PLAIN}, {@link #SHAPE_COPY}, {@link #SHAPE_INVOKE} a compact {@code op} record has. */
    public static int shape(final int op) {
        if (op == BufferOps.READ || op == BufferOps.WRITE) {
            return SHAPE_COPY;
        }
        return op == BufferOps.INVOKE_BEGIN || op == BufferOps.INVOKE_END ? SHAPE_INVOKE : SHAPE_PLAIN;
    }

    /** Whether {@code value} fits a compact record's unsigned 32-bit fields (time delta, length, y). */
    public static boolean fitsUnsigned32(final long value) {
        return (value & ~U32) == 0;
    }

    /** Whether {@code value} fits a compact record's signed 32-bit fields (sequence delta, x). */
    public static boolean fitsSigned32(final long value) {
        return value == (int) value;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Whether a record with these values fits the tiny form (the deltas already in range, see
     * {@link #TINY_MAX_DELTA_TIME}): tier, slot, generation, length, x and y within their bit fields.
     */
    public static boolean fitsTiny(final int tier, final long handle, final long length, final long x,
                                   final long y) {
        return ((tier + 1L & ~7L) | (handle & TINY_SLOT_OVERFLOW) | (handle >>> 32 & ~TINY_MAX_GENERATION)
            | (length & ~TINY_MAX_LENGTH) | (x + 0x8000 & ~0xFFFFL) | (y & ~TINY_MAX_Y)) == 0;
    }

    /** Writes a tiny record at native {@code address} (the caller has checked {@link #fitsTiny} and the deltas). */
    public static void putTiny(final long address, final int op, final int tier, final long deltaTime,
                               final long deltaSeq, final long handle, final long length, final long x,
                               final long y) {
        putLong(address, op | FORM_TINY << FORM_SHIFT | (long) (tier + 1) << 8 | deltaTime << 11
            | (deltaSeq & 0x3FF) << 36 | (handle & TINY_MAX_SLOT) << 46);
        putLong(address + 8, handle >>> 32 | length << 20 | (x & 0xFFFF) << 36 | y << 52);
    }

    /**
     * Writes a compact record at native {@code address} (the caller has checked every value fits); a non-zero
     * {@code payloadHash} makes it the 40-byte form.
     *
     * @return the bytes written
     */
    public static int putCompact(final long address, final int op, final int tier, final long deltaTime,
                                 final long deltaSeq, final long length, final long handle, final long x,
                                 final long y, final long payloadHash) {
        final int form = payloadHash == 0 ? FORM_COMPACT : FORM_COMPACT_HASHED;
        putLong(address, firstWord(op, form, tier, deltaTime));
        putLong(address + DELTA_SEQ_OFFSET, (deltaSeq & U32) | length << 32);
        putLong(address + HANDLE_OFFSET, handle);
        putLong(address + X_OFFSET, (x & U32) | y << 32);
        if (payloadHash != 0) {
            putLong(address + COMPACT_HASH_OFFSET, payloadHash);
            return COMPACT_HASHED_LENGTH;
        }
        return COMPACT_LENGTH;
    }

    /** Writes the 80-byte frame of a full record at native {@code address}; a payload chunk follows it. */
    public static void putFull(final long address, final int op, final int tier, final int chunk, final long timeNs,
                               final long elementSeq, final long handle, final long offset, final long length,
                               final long copiedBytes, final long fuel, final long aux, final long payloadHash) {
        putLong(address, firstWord(op, FORM_FULL, tier, chunk));
        putLong(address + TIME_OFFSET, timeNs);
        putLong(address + HANDLE_OFFSET, handle);
        putLong(address + ELEMENT_SEQ_OFFSET, elementSeq);
        putLong(address + OFFSET_OFFSET, offset);
        putLong(address + LENGTH_OFFSET, length);
        putLong(address + COPIED_BYTES_OFFSET, copiedBytes);
        putLong(address + FUEL_OFFSET, fuel);
        putLong(address + AUX_OFFSET, aux);
        putLong(address + PAYLOAD_HASH_OFFSET, payloadHash);
    }

    /** The bytes of a full record carrying {@code chunk} payload bytes, padding included. */
    public static int fullLength(final int chunk) {
        return FULL_LENGTH + alignedLength(chunk);
    }

    /** Writes ring padding of {@code bytes} (a multiple of 8) at native {@code address}. */
    public static void putPadding(final long address, final int bytes) {
        putLong(address, firstWord(0, FORM_PADDING, 0, bytes));
    }

    /** The little-endian long at native {@code address} (a record's first word, a field). */
    public static long getLong(final long address) {
        final long w = UNSAFE.getLong(address);
        return LITTLE ? w : Long.reverseBytes(w);
    }

    /** The op of a record's first word. */
    public static int op(final long firstWord) {
        return (int) (firstWord & OP_MASK);
    }

    /** The form of a record's first word. */
    public static int form(final long firstWord) {
        return (int) (firstWord >>> FORM_SHIFT) & 7;
    }

    /**
     * The bytes of a record (or padding) from its first word; 0 for a word of no known form. The only decoding the
     * journal thread does.
     */
    public static int recordLength(final long firstWord) {
        switch (form(firstWord)) {
            case FORM_TINY:
                return TINY_LENGTH;
            case FORM_COMPACT:
                return COMPACT_LENGTH;
            case FORM_COMPACT_HASHED:
                return COMPACT_HASHED_LENGTH;
            case FORM_FULL:
                return (int) Math.min(Integer.MAX_VALUE, FULL_LENGTH + ((firstWord >>> 32) + ALIGNMENT - 1
                    & -ALIGNMENT));
            case FORM_PADDING:
                return (int) (firstWord >>> 32);
            default:
                return 0;
        }
    }

    /** The anchor sequence after a full record of sequence {@code seq}: it, unless it is no element. */
    public static long anchorSeqAfter(final long anchorSeq, final long seq) {
        return seq == NO_ELEMENT ? anchorSeq : seq;
    }

    /** Whether the record with this first word is full (and so the anchor of the records after it). */
    public static boolean isFull(final long firstWord) {
        return form(firstWord) == FORM_FULL;
    }

    private static long firstWord(final int op, final int form, final int tier, final long high) {
        return op | form << FORM_SHIFT | (tier & 0xFFL) << 8 | high << 32;
    }

    private static void putLong(final long address, final long value) {
        UNSAFE.putLong(address, LITTLE ? value : Long.reverseBytes(value));
    }

    /** Writes a document header at {@code at} of {@code b} (little-endian), checksum 0 for {@link #seal}. */
    public static void putHeader(final ByteBuffer b, final int at, final int bodyLength, final int node,
                                 final int count, final long firstRecord, final long anchorTime,
                                 final long anchorSeq) {
        b.putShort(at + MAGIC_OFFSET, MAGIC);
        b.put(at + VERSION_OFFSET, VERSION);
        b.put(at + KIND_OFFSET, KIND_BATCH);
        b.putInt(at + BODY_LENGTH_OFFSET, bodyLength);
        b.putInt(at + NODE_OFFSET, node);
        b.putInt(at + COUNT_OFFSET, count);
        b.putLong(at + FIRST_RECORD_OFFSET, firstRecord);
        b.putLong(at + ANCHOR_TIME_OFFSET, anchorTime);
        b.putLong(at + ANCHOR_SEQ_OFFSET, anchorSeq);
        b.putInt(at + CHECKSUM_OFFSET, 0);
        b.putInt(at + CHECKSUM_OFFSET + 4, 0);
    }

    /**
     * Starts the checksum of a document: resets {@code crc} and feeds it the header at {@code at} of {@code view} up
     * to the checksum field. Feed the body after it. Moves {@code view}'s position and limit (a caller-private view).
     */
    public static void checksumHeader(final CRC32C crc, final ByteBuffer view, final int at) {
        crc.reset();
        view.limit(at + CHECKSUM_OFFSET).position(at);
        crc.update(view);
        view.limit(view.capacity());
    }

    /** Feeds {@code length} body bytes at {@code at} of {@code view} to {@code crc}. */
    public static void checksumBody(final CRC32C crc, final ByteBuffer view, final int at, final int length) {
        view.limit(at + length).position(at);
        crc.update(view);
        view.limit(view.capacity());
    }

    /** Stores the checksum {@code crc} has accumulated into the header at {@code at}. */
    public static void seal(final CRC32C crc, final ByteBuffer header, final int at) {
        header.putInt(at + CHECKSUM_OFFSET, (int) crc.getValue());
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * Why the document of {@code length} bytes at the start of {@code doc} is not a valid batch, or null when it is:
     * header fields, body length, then the checksum. The records inside are checked by {@link #validateRecord}.
     */
    public static String validateHeader(final CRC32C crc, final ByteBuffer doc, final int length) {
        if (length < HEADER_LENGTH) {
            return "truncated document: " + length + " of at least " + HEADER_LENGTH + " bytes";
        }
        if (doc.getShort(MAGIC_OFFSET) != MAGIC) {
            return "bad magic 0x" + Integer.toHexString(doc.getShort(MAGIC_OFFSET) & 0xFFFF);
        }
        if (doc.get(VERSION_OFFSET) != VERSION) {
            return "unsupported record version " + doc.get(VERSION_OFFSET);
        }
        if (doc.get(KIND_OFFSET) != KIND_BATCH) {
            return "unknown document kind " + doc.get(KIND_OFFSET);
        }
        if (doc.getInt(CHECKSUM_OFFSET + 4) != 0) {
            return "reserved header bytes are not zero";
        }
        final int body = doc.getInt(BODY_LENGTH_OFFSET);
        if (body != length - HEADER_LENGTH || (body & (ALIGNMENT - 1)) != 0) {
            return "body length " + body + " in a document of " + length + " bytes";
        }
        checksumHeader(crc, doc, 0);
        checksumBody(crc, doc, HEADER_LENGTH, body);
        final int stored = doc.getInt(CHECKSUM_OFFSET);
        final int actual = (int) crc.getValue();
        if (stored != actual) {
            return "checksum mismatch (stored 0x" + Integer.toHexString(stored) + ", computed 0x"
                + Integer.toHexString(actual) + ")";
        }
        final int count = doc.getInt(COUNT_OFFSET);
        if (count < 0 || (long) count * TINY_LENGTH > body || doc.getLong(FIRST_RECORD_OFFSET) < 0) {
            return "record count " + count + " or first record " + doc.getLong(FIRST_RECORD_OFFSET)
                + " impossible for a body of " + body + " bytes";
        }
        return null;
    }

    /**
     * Why the record at {@code at} of a checksummed document (with {@code available} body bytes from there) is not a
     * valid record, or null: its form and length, the op code, kind/op agreement, non-negative sizes.
     */
    public static String validateRecord(final ByteBuffer doc, final int at, final int available) {
        if (available < TINY_LENGTH) {
            return "truncated record: " + available + " of at least " + TINY_LENGTH + " bytes";
        }
        final long w = doc.getLong(at);
        final int op = op(w);
        final int form = form(w);
        if (!BufferOps.isValid(op)) {
            return "unknown operation code " + op;
        }
        if (form < FORM_TINY || form > FORM_FULL) {
            return "unknown record form " + form;
        }
        final int length = recordLength(w);
        if (form == FORM_FULL && (w >>> 32) > MAX_CHUNK) {
            return "full record with a chunk of " + (w >>> 32) + " bytes";
        }
        if (length > available) {
            return "truncated record: " + available + " of " + length + " bytes";
        }
        if (form == FORM_TINY) {
            if (op == BufferOps.SOURCE_PAYLOAD) {
                return "a tiny source-payload record";
            }
            return shape(op) == SHAPE_COPY && (short) (doc.getLong(at + 8) >>> 36) < 0 ? "negative copied bytes"
                : null;
        }
        if ((byte) (w >>> 8) < -1) {
            return "tier out of range";
        }
        if (form != FORM_FULL) {
            if (op == BufferOps.SOURCE_PAYLOAD) {
                return "a compact source-payload record";
            }
            return shape(op) == SHAPE_COPY && doc.getInt(at + X_OFFSET) < 0 ? "negative copied bytes" : null;
        }
        final long chunk = w >>> 32;
        if (op != BufferOps.SOURCE_PAYLOAD && chunk != 0) {
            return "operation " + BufferOps.name(op) + " with payload bytes";
        }
        if (doc.getLong(at + LENGTH_OFFSET) < 0 || doc.getLong(at + COPIED_BYTES_OFFSET) < 0
            || doc.getLong(at + OFFSET_OFFSET) < 0 || doc.getLong(at + FUEL_OFFSET) < 0) {
            return "negative length, offset, copied bytes or fuel";
        }
        if (op == BufferOps.SOURCE_PAYLOAD && doc.getLong(at + LENGTH_OFFSET) != chunk) {
            return "payload chunk length disagrees with the record length";
        }
        return null;
    }
}
