package io.torvyn.journal.record;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.HandleDescriptor;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static io.torvyn.journal.record.JournalRecordDescriptor.FRAME_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.KIND_OP;
import static io.torvyn.journal.record.JournalRecordDescriptor.KIND_PAYLOAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRecordDescriptorTest {
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    private void writeOp(final int at) {
        final long handle = HandleDescriptor.handle(17, 3);
        JournalRecordDescriptor.writeFrame(buffer, at, KIND_OP, FRAME_LENGTH, 123_456_789L, 42, 2, BufferOps.WRITE,
            handle, 1, 8, 180, 172, 99, 4711, 0x0123_4567_89AB_CDEFL);
        JournalRecordDescriptor.seal(crc, buffer, at);
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        writeOp(16);
        assertNull(JournalRecordDescriptor.validate(crc, buffer, 16, FRAME_LENGTH));
        final JournalRecord r = JournalRecord.decode(buffer, 16, "node-2", 77);
        assertEquals(123_456_789L, r.timeNs());
        assertEquals(42, r.elementSeq());
        assertEquals(2, r.node());
        assertEquals(BufferOps.WRITE, r.op());
        assertEquals("write", r.opName());
        assertEquals(HandleDescriptor.handle(17, 3), r.handle());
        assertEquals(17, r.slot());
        assertEquals(3, r.generation());
        assertEquals(1, r.tier());
        assertEquals(8, r.offset());
        assertEquals(180, r.length());
        assertEquals(172, r.copiedBytes());
        assertEquals(99, r.fuel());
        assertEquals(4711, r.aux());
        assertEquals(0x0123_4567_89AB_CDEFL, r.payloadHash());
        assertEquals("node-2", r.queue());
        assertEquals(77, r.index());
        assertTrue(r.isCopy());
    }

    @Test
    void theLayoutIsLittleEndianAtTheDocumentedOffsets() {
        writeOp(0);
        assertEquals('T', buffer.get(0));
        assertEquals('J', buffer.get(1));
        assertEquals(JournalRecordDescriptor.VERSION, buffer.get(2));
        assertEquals(KIND_OP, buffer.get(3));
        assertEquals(96, buffer.get(4));
        assertEquals(42, buffer.get(JournalRecordDescriptor.ELEMENT_SEQ_OFFSET));
        assertEquals(17, buffer.get(JournalRecordDescriptor.HANDLE_OFFSET));
        assertEquals(3, buffer.get(JournalRecordDescriptor.HANDLE_OFFSET + 4));
        assertEquals(3, buffer.get(JournalRecordDescriptor.GENERATION_OFFSET));
        assertEquals(BufferOps.WRITE, buffer.get(JournalRecordDescriptor.OP_OFFSET));
        assertEquals(96, JournalRecordDescriptor.FRAME_LENGTH);
        assertEquals(JournalRecordDescriptor.CHECKSUM_OFFSET + 4, FRAME_LENGTH);
    }

    @Test
    void aPayloadRecordCarriesItsBytesUnderTheChecksum() {
        final byte[] payload = "hello, journal".getBytes();
        final int frameLength = FRAME_LENGTH + payload.length;
        JournalRecordDescriptor.writeFrame(buffer, 0, KIND_PAYLOAD, frameLength, 1, 5, 0, BufferOps.SOURCE_PAYLOAD,
            HandleDescriptor.handle(4, 1), 0, 0, payload.length, 0, 2, payload.length, PayloadHash.hash(payload));
        buffer.put(FRAME_LENGTH, payload);
        JournalRecordDescriptor.seal(crc, buffer, 0);
        final int aligned = JournalRecordDescriptor.alignedLength(frameLength);
        assertEquals(112, aligned);
        assertNull(JournalRecordDescriptor.validate(crc, buffer, 0, aligned));
        assertArrayEquals(payload, JournalRecord.decode(buffer, 0, "node-0", 0).payload());

        buffer.put(FRAME_LENGTH + 3, (byte) 'X');
        assertTrue(JournalRecordDescriptor.validate(crc, buffer, 0, aligned).startsWith("checksum mismatch"));
    }

    @Test
    void damageOfAnyKindIsNamed() {
        writeOp(0);
        assertTrue(JournalRecordDescriptor.validate(crc, buffer, 0, 50).startsWith("truncated record"));
        buffer.put(2, (byte) 9);
        assertEquals("unsupported record version 9", JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH));
        writeOp(0);
        buffer.putShort(0, (short) 0);
        assertTrue(JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH).startsWith("bad magic"));
        writeOp(0);
        buffer.put(3, (byte) 5);
        assertEquals("unknown record kind 5", JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH));
        writeOp(0);
        buffer.putInt(4, 97);
        assertNotNull(JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH));
        for (int i = 8; i < FRAME_LENGTH; i++) {
            writeOp(0);
            buffer.put(i, (byte) (buffer.get(i) ^ 0x10));
            assertNotNull(JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH), "a flip at byte " + i);
        }
    }

    @Test
    void fieldsOutOfRangeFailEvenWithAGoodChecksum() {
        JournalRecordDescriptor.writeFrame(buffer, 0, KIND_OP, FRAME_LENGTH, 1, 1, 0, 99, 0, -1, 0, 0, 0, 0, 0, 0);
        JournalRecordDescriptor.seal(crc, buffer, 0);
        assertEquals("unknown operation code 99", JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH));
        JournalRecordDescriptor.writeFrame(buffer, 0, KIND_OP, FRAME_LENGTH, 1, 1, 0, BufferOps.READ, 0, -1, 0, -5,
            0, 0, 0, 0);
        JournalRecordDescriptor.seal(crc, buffer, 0);
        assertTrue(JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH).startsWith("negative"));
        JournalRecordDescriptor.writeFrame(buffer, 0, KIND_OP, FRAME_LENGTH, 1, 1, 0, BufferOps.SOURCE_PAYLOAD, 0, -1,
            0, 0, 0, 0, 0, 0);
        JournalRecordDescriptor.seal(crc, buffer, 0);
        assertTrue(JournalRecordDescriptor.validate(crc, buffer, 0, FRAME_LENGTH).contains("in a record of kind"));
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
