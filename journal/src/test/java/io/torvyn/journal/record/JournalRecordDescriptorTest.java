package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.HandleDescriptor;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static io.torvyn.journal.record.JournalRecordDescriptor.COMPACT_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.FULL_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRecordDescriptorTest {
    private static final long ANCHOR_TIME = 5_000_000_000L;
    private static final long ANCHOR_SEQ = 1_000;

    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
    private final long address = BytesStore.wrap(buffer).addressForWrite(0);

    private int putWrite(final int at) {
        return JournalRecordDescriptor.putCompact(address + at, BufferOps.WRITE, 1, 789, -3, 180,
            HandleDescriptor.handle(17, 3), 172, 8, 0);
    }

    /** A document at 0: header, a compact write, a full clone, a compact hashed publish; returns its length. */
    private int putDocument() {
        int at = HEADER_LENGTH;
        at += putWrite(at);
        JournalRecordDescriptor.putFull(address + at, BufferOps.CLONE, 0, 0, ANCHOR_TIME + 10_000_000_000L, 7, 99,
            0, 64, 64, 0, HandleDescriptor.handle(4, 2), 0);
        at += FULL_LENGTH;
        at += JournalRecordDescriptor.putCompact(address + at, BufferOps.PUBLISH, 0, 5, 1, 64, 99, 2, 6, 0xABCDL);
        JournalRecordDescriptor.putHeader(buffer, 0, at - HEADER_LENGTH, 2, 3, 40, ANCHOR_TIME, ANCHOR_SEQ);
        JournalRecordDescriptor.checksumHeader(crc, buffer, 0);
        JournalRecordDescriptor.checksumBody(crc, buffer, HEADER_LENGTH, at - HEADER_LENGTH);
        JournalRecordDescriptor.seal(crc, buffer, 0);
        return at;
    }

    @Test
    void aCompactRecordDecodesRelativeToItsAnchor() {
        assertEquals(COMPACT_LENGTH, putWrite(0));
        assertNull(JournalRecordDescriptor.validateRecord(buffer, 0, COMPACT_LENGTH));
        final JournalRecord r = JournalRecord.decode(buffer, 0, "node-2", 77, 2, ANCHOR_TIME, ANCHOR_SEQ);
        assertEquals(ANCHOR_TIME + 789, r.timeNs());
        assertEquals(ANCHOR_SEQ - 3, r.elementSeq());
        assertEquals(2, r.node());
        assertEquals("write", r.opName());
        assertEquals(HandleDescriptor.handle(17, 3), r.handle());
        assertEquals(17, r.slot());
        assertEquals(3, r.generation());
        assertEquals(1, r.tier());
        assertEquals(8, r.offset());
        assertEquals(180, r.length());
        assertEquals(172, r.copiedBytes());
        assertEquals(0, r.fuel());
        assertEquals(0, r.aux());
        assertEquals(0, r.payloadHash());
        assertEquals("node-2", r.queue());
        assertEquals(77, r.index());
        assertTrue(r.isCopy());
        assertFalse(JournalRecord.isAnchor(buffer, 0));
    }

    @Test
    void compactFieldsMapOntoTheGenericOnesByOperation() {
        JournalRecordDescriptor.putCompact(address, BufferOps.INVOKE_END, -1, 1, 0, 32, 0, 1, 4_000_000_000L, 0);
        final JournalRecord invoke = JournalRecord.decode(buffer, 0, "q", 0, 1, 0, 0);
        assertEquals(32, invoke.length());
        assertEquals(1, invoke.aux());
        assertEquals(4_000_000_000L, invoke.fuel(), "fuel is unsigned 32-bit");
        assertEquals(0, invoke.offset());
        assertEquals(-1, invoke.tier());
        JournalRecordDescriptor.putCompact(address, BufferOps.CONSUME, 0, 0xFFFF_FFFFL, 0, 64, 5, -1, 0, 0);
        final JournalRecord consume = JournalRecord.decode(buffer, 0, "q", 0, 1, 10, 0);
        assertEquals(-1, consume.aux(), "no stream");
        assertEquals(10 + 0xFFFF_FFFFL, consume.timeNs(), "the time delta is unsigned");
    }

    @Test
    void aFullRecordCarriesEveryFieldAndAPayloadChunk() {
        final byte[] payload = "hello, journal".getBytes();
        JournalRecordDescriptor.putFull(address, BufferOps.SOURCE_PAYLOAD, 0, payload.length, 123_456_789L, 42,
            HandleDescriptor.handle(4, 1), 0, payload.length, 0, 2, payload.length, PayloadHash.hash(payload));
        buffer.put(FULL_LENGTH, payload);
        final int length = JournalRecordDescriptor.fullLength(payload.length);
        assertEquals(96, length);
        assertNull(JournalRecordDescriptor.validateRecord(buffer, 0, length));
        final JournalRecord r = JournalRecord.decode(buffer, 0, "node-0", 0, 0, 0, 0);
        assertArrayEquals(payload, r.payload());
        assertEquals(123_456_789L, r.timeNs());
        assertEquals(42, r.elementSeq());
        assertEquals(2, r.fuel());
        assertEquals(payload.length, r.aux());
        assertEquals(PayloadHash.hash(payload), r.payloadHash());
        assertTrue(JournalRecord.isAnchor(buffer, 0));
        assertEquals(length, JournalRecordDescriptor.recordLength(buffer.getLong(0)));
    }

    @Test
    void aTinyRecordPacksEveryFieldIntoSixteenBytes() {
        final long handle = HandleDescriptor.handle((int) JournalRecordDescriptor.TINY_MAX_SLOT,
            (int) JournalRecordDescriptor.TINY_MAX_GENERATION);
        assertTrue(JournalRecordDescriptor.fitsTiny(6, handle, 65_535, -32_768, 4_095));
        JournalRecordDescriptor.putTiny(address, BufferOps.PUBLISH, 6, JournalRecordDescriptor.TINY_MAX_DELTA_TIME,
            -JournalRecordDescriptor.TINY_MAX_DELTA_SEQ, handle, 65_535, -32_768, 4_095);
        assertEquals((byte) (BufferOps.PUBLISH | JournalRecordDescriptor.FORM_TINY << 5), buffer.get(0));
        assertEquals(JournalRecordDescriptor.TINY_LENGTH, JournalRecordDescriptor.recordLength(buffer.getLong(0)));
        assertNull(JournalRecordDescriptor.validateRecord(buffer, 0, JournalRecordDescriptor.TINY_LENGTH));
        final JournalRecord r = JournalRecord.decode(buffer, 0, "q", 3, 1, ANCHOR_TIME, ANCHOR_SEQ);
        assertEquals(ANCHOR_TIME + JournalRecordDescriptor.TINY_MAX_DELTA_TIME, r.timeNs());
        assertEquals(ANCHOR_SEQ - JournalRecordDescriptor.TINY_MAX_DELTA_SEQ, r.elementSeq());
        assertEquals(handle, r.handle());
        assertEquals(6, r.tier());
        assertEquals(65_535, r.length());
        assertEquals(-32_768, r.aux());
        assertEquals(4_095, r.offset());
        assertFalse(JournalRecord.isAnchor(buffer, 0));

        JournalRecordDescriptor.putTiny(address, BufferOps.INVOKE_END, -1, 0, 3, 0, 32, 1, 4_000);
        final JournalRecord invoke = JournalRecord.decode(buffer, 0, "q", 3, 1, ANCHOR_TIME, ANCHOR_SEQ);
        assertEquals(-1, invoke.tier());
        assertEquals(0, invoke.handle());
        assertEquals(ANCHOR_SEQ + 3, invoke.elementSeq());
        assertEquals(1, invoke.aux());
        assertEquals(4_000, invoke.fuel());

        JournalRecordDescriptor.putTiny(address, BufferOps.INVOKE_BEGIN, -1, 0,
            JournalRecordDescriptor.TINY_NO_ELEMENT, 0, 32, 0, 0);
        assertEquals(-1, JournalRecord.decode(buffer, 0, "q", 3, 1, ANCHOR_TIME, ANCHOR_SEQ).elementSeq(),
            "no element, whatever the anchor");
        JournalRecordDescriptor.putCompact(address, BufferOps.INVOKE_END, -1, 0,
            JournalRecordDescriptor.COMPACT_NO_ELEMENT, 32, 0, 0, 1 << 20, 0);
        assertEquals(-1, JournalRecord.decode(buffer, 0, "q", 3, 1, ANCHOR_TIME, ANCHOR_SEQ).elementSeq());
        assertEquals(ANCHOR_SEQ, JournalRecordDescriptor.anchorSeqAfter(ANCHOR_SEQ, -1));
        assertEquals(7, JournalRecordDescriptor.anchorSeqAfter(ANCHOR_SEQ, 7));
    }

    @Test
    void valuesBeyondTheTinyFieldsDoNotFitThem() {
        final long handle = HandleDescriptor.handle(5, 5);
        assertTrue(JournalRecordDescriptor.fitsTiny(-1, handle, 0, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(7, handle, 0, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(-2, handle, 0, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, HandleDescriptor.handle(1 << 18, 1), 0, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, HandleDescriptor.handle(1, 1 << 20), 0, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, handle, 1 << 16, 0, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, handle, 0, 32_768, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, handle, 0, -32_769, 0));
        assertFalse(JournalRecordDescriptor.fitsTiny(0, handle, 0, 0, 4_096));
    }

    @Test
    void theLayoutIsLittleEndianAtTheDocumentedOffsets() {
        final int length = putDocument();
        assertEquals('T', buffer.get(0));
        assertEquals('J', buffer.get(1));
        assertEquals(JournalRecordDescriptor.VERSION, buffer.get(2));
        assertEquals(JournalRecordDescriptor.KIND_BATCH, buffer.get(3));
        assertEquals(length - HEADER_LENGTH, buffer.getInt(4));
        assertEquals(2, buffer.getInt(JournalRecordDescriptor.NODE_OFFSET));
        assertEquals(3, buffer.getInt(JournalRecordDescriptor.COUNT_OFFSET));
        assertEquals(40, buffer.getLong(JournalRecordDescriptor.FIRST_RECORD_OFFSET));
        final int at = HEADER_LENGTH;
        assertEquals((byte) (BufferOps.WRITE | JournalRecordDescriptor.FORM_COMPACT << 5), buffer.get(at));
        assertEquals(1, buffer.get(at + JournalRecordDescriptor.TIER_OFFSET));
        assertEquals(789, buffer.getInt(at + JournalRecordDescriptor.DELTA_TIME_OFFSET));
        assertEquals(-3, buffer.getInt(at + JournalRecordDescriptor.DELTA_SEQ_OFFSET));
        assertEquals(180, buffer.getInt(at + JournalRecordDescriptor.COMPACT_LENGTH_OFFSET));
        assertEquals(17, buffer.get(at + JournalRecordDescriptor.HANDLE_OFFSET));
        assertEquals(3, buffer.get(at + JournalRecordDescriptor.HANDLE_OFFSET + 4));
        assertEquals(172, buffer.getInt(at + JournalRecordDescriptor.X_OFFSET));
        assertEquals(8, buffer.getInt(at + JournalRecordDescriptor.Y_OFFSET));
        final int full = at + COMPACT_LENGTH;
        assertEquals((byte) (BufferOps.CLONE | JournalRecordDescriptor.FORM_FULL << 5), buffer.get(full));
        assertEquals(7, buffer.getLong(full + JournalRecordDescriptor.ELEMENT_SEQ_OFFSET));
        assertEquals(HandleDescriptor.handle(4, 2), buffer.getLong(full + JournalRecordDescriptor.AUX_OFFSET));
        assertEquals((byte) (BufferOps.PUBLISH | JournalRecordDescriptor.FORM_COMPACT_HASHED << 5),
            buffer.get(full + FULL_LENGTH));
        assertEquals(0xABCDL, buffer.getLong(full + FULL_LENGTH + JournalRecordDescriptor.COMPACT_HASH_OFFSET));
    }

    @Test
    void aDocumentValidatesAndAFullRecordMovesTheAnchor() {
        final int length = putDocument();
        assertNull(JournalRecordDescriptor.validateHeader(crc, buffer, length));
        final int publish = HEADER_LENGTH + COMPACT_LENGTH + FULL_LENGTH;
        final JournalRecord r = JournalRecord.decode(buffer, publish, "node-2", 0, 2, ANCHOR_TIME + 10_000_000_000L,
            7);
        assertEquals(ANCHOR_TIME + 10_000_000_005L, r.timeNs());
        assertEquals(8, r.elementSeq());
        assertEquals(2, r.aux());
        assertEquals(6, r.offset());
        assertEquals(0xABCDL, r.payloadHash());
    }

    @Test
    void damageOfAnyKindIsNamed() {
        final int length = putDocument();
        assertTrue(JournalRecordDescriptor.validateHeader(crc, buffer, 40).startsWith("truncated document"));
        assertTrue(JournalRecordDescriptor.validateHeader(crc, buffer, length - 8).startsWith("body length"));
        buffer.put(2, (byte) 9);
        assertEquals("unsupported record version 9", JournalRecordDescriptor.validateHeader(crc, buffer, length));
        putDocument();
        buffer.putShort(0, (short) 0);
        assertTrue(JournalRecordDescriptor.validateHeader(crc, buffer, length).startsWith("bad magic"));
        putDocument();
        buffer.put(3, (byte) 5);
        assertEquals("unknown document kind 5", JournalRecordDescriptor.validateHeader(crc, buffer, length));
        for (int i = 8; i < length; i++) {
            putDocument();
            buffer.put(i, (byte) (buffer.get(i) ^ 0x10));
            assertNotNull(JournalRecordDescriptor.validateHeader(crc, buffer, length), "a flip at byte " + i);
        }
    }

    @Test
    void recordsOutOfRangeFailEvenInsideAGoodChecksum() {
        JournalRecordDescriptor.putCompact(address, 25, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("unknown operation code 25", JournalRecordDescriptor.validateRecord(buffer, 0, COMPACT_LENGTH));
        JournalRecordDescriptor.putCompact(address, BufferOps.READ, -2, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("tier out of range", JournalRecordDescriptor.validateRecord(buffer, 0, COMPACT_LENGTH));
        JournalRecordDescriptor.putCompact(address, BufferOps.READ, 0, 0, 0, 0, 0, -5, 0, 0);
        assertEquals("negative copied bytes", JournalRecordDescriptor.validateRecord(buffer, 0, COMPACT_LENGTH));
        JournalRecordDescriptor.putCompact(address, BufferOps.SOURCE_PAYLOAD, 0, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(JournalRecordDescriptor.validateRecord(buffer, 0, COMPACT_LENGTH).contains("compact source"));
        JournalRecordDescriptor.putCompact(address, BufferOps.READ, 0, 0, 0, 0, 0, 0, 0, 0);
        buffer.put(0, (byte) (BufferOps.READ | 6 << 5));
        assertEquals("unknown record form 6", JournalRecordDescriptor.validateRecord(buffer, 0, 64));
        JournalRecordDescriptor.putTiny(address, BufferOps.SOURCE_PAYLOAD, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("a tiny source-payload record", JournalRecordDescriptor.validateRecord(buffer, 0, 64));
        JournalRecordDescriptor.putTiny(address, BufferOps.WRITE, 0, 0, 0, 0, 64, -1, 0);
        assertEquals("negative copied bytes", JournalRecordDescriptor.validateRecord(buffer, 0, 64));
        JournalRecordDescriptor.putFull(address, BufferOps.READ, 0, 0, 1, 1, 0, 0, -5, 0, 0, 0, 0);
        assertTrue(JournalRecordDescriptor.validateRecord(buffer, 0, FULL_LENGTH).startsWith("negative"));
        JournalRecordDescriptor.putFull(address, BufferOps.READ, 0, 8, 1, 1, 0, 0, 8, 0, 0, 0, 0);
        assertTrue(JournalRecordDescriptor.validateRecord(buffer, 0, FULL_LENGTH + 8).contains("with payload bytes"));
        JournalRecordDescriptor.putFull(address, BufferOps.SOURCE_PAYLOAD, 0, 8, 1, 1, 0, 0, 8, 0, 0, 0, 0);
        assertTrue(JournalRecordDescriptor.validateRecord(buffer, 0, FULL_LENGTH).startsWith("truncated record"));
        buffer.putInt(JournalRecordDescriptor.CHUNK_OFFSET, JournalRecordDescriptor.MAX_CHUNK + 8);
        assertTrue(JournalRecordDescriptor.validateRecord(buffer, 0, 4096).startsWith("full record with a chunk"));
    }

    @Test
    void payloadHashIsTheSameFromNativeMemoryAndFromAnArray() {
        for (final int length : new int[] {0, 1, 7, 8, 9, 63, 64, 1000}) {
            final byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (i * 31 + length);
            }
            final BytesStore<?, Void> store = BytesStore.nativeStoreFrom(bytes);
            try {
                assertEquals(PayloadHash.hash(bytes), PayloadHash.hash(store.addressForRead(0), length), "length "
                    + length);
            } finally {
                store.releaseLast();
            }
            if (length > 0) {
                final byte[] changed = bytes.clone();
                changed[length / 2] ^= 1;
                assertNotEquals(PayloadHash.hash(bytes), PayloadHash.hash(changed));
            }
        }
        assertNotEquals(PayloadHash.hash(new byte[0]), PayloadHash.hash(new byte[1]), "length is part of the hash");
    }
}
