package io.torvyn.engine.buffer;

import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.torvyn.engine.buffer.Pools.assertCode;
import static io.torvyn.engine.buffer.Pools.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferPoolTest {
    private BufferPool pool;
    private BufferClient a;
    private BufferClient b;

    @BeforeEach
    void setUp() {
        pool = new BufferPool(Pools.twoTiers(), 4);
        a = pool.newClient(0, "a");
        b = pool.newClient(1, "b");
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void picksTheSmallestTierThatFits() {
        final long[] sizes = {0, 1, 64, 65, 512};
        final int[] tiers = {0, 0, 0, 1, 1};
        for (int i = 0; i < sizes.length; i++) {
            final long h = pool.allocate(a, sizes[i]);
            assertEquals(tiers[i], pool.tierOf(h), "size " + sizes[i]);
            assertEquals(pool.bufferSize(tiers[i]), pool.capacity(h));
            assertFalse(pool.isFallback(h));
            assertEquals(0, pool.length(h));
            assertEquals(BufferState.OWNED, pool.stateOf(h));
            assertEquals(a.node, pool.ownerOf(h));
            pool.release(a, h);
        }
        assertEquals(3, pool.allocated(0));
        assertEquals(2, pool.allocated(1));
        assertEquals(3, pool.returned(0));
        assertTrue(pool.allReturned());
        assertEquals(64 * 4 + 512 * 2, pool.offHeapBytes());
    }

    @Test
    void writesAndReadsAtOffsetsWithShortReadsAtTheEnd() {
        final long h = pool.allocate(a, 100);
        final byte[] payload = pattern(100, 1);
        pool.write(a, h, 0, payload, 0, 60);
        pool.write(a, h, 60, payload, 60, 40);
        assertEquals(100, pool.length(h));

        final byte[] whole = new byte[100];
        assertEquals(100, pool.read(b, h, 0, whole, 0, 100));
        assertArrayEquals(payload, whole);

        final byte[] tail = new byte[55];
        assertEquals(30, pool.read(b, h, 70, tail, 5, 50), "short read at the end");
        assertArrayEquals(Arrays.copyOfRange(payload, 70, 100), Arrays.copyOfRange(tail, 5, 35));
        assertEquals(0, pool.read(b, h, 100, tail, 0, 10));
        assertEquals(0, pool.read(b, h, 1_000, tail, 0, 10));
        pool.release(a, h);
    }

    @Test
    void copiesByAddressAndAppends() {
        final BytesStore<?, ?> scratch = BytesStore.nativeStoreWithFixedCapacity(256);
        try {
            final long src = scratch.addressForWrite(0);
            final byte[] payload = pattern(40, 2);
            for (int i = 0; i < payload.length; i++) {
                scratch.writeByte(i, payload[i]);
            }
            final long h = pool.allocate(a, 64);
            assertEquals(20, pool.append(a, h, src, 20));
            assertEquals(40, pool.append(a, h, payload, 20, 20));
            final long dst = src + 128;
            assertEquals(40, pool.read(a, h, 0, dst, 64));
            for (int i = 0; i < 40; i++) {
                assertEquals(payload[i], scratch.readByte(128 + i), "byte " + i);
            }
            pool.write(a, h, 40, src, 24);
            assertEquals(64, pool.length(h));
            pool.release(a, h);
        } finally {
            scratch.releaseLast();
        }
    }

    @Test
    void neverShowsAnEarlierPayloadThroughAGap() {
        final PoolsLike one = new PoolsLike();
        final long first = one.pool.allocate(one.c, 32);
        one.pool.write(one.c, first, 0, pattern(32, 9), 0, 32);
        one.pool.release(one.c, first);
        final long second = one.pool.allocate(one.c, 32);
        assertEquals(HandleDescriptor.slot(first), HandleDescriptor.slot(second), "same slot reused");
        assertEquals(0, one.pool.length(second), "length restarts at 0");
        one.pool.write(one.c, second, 16, new byte[] {1}, 0, 1);
        final byte[] read = new byte[17];
        assertEquals(17, one.pool.read(one.c, second, 0, read, 0, 17));
        assertArrayEquals(new byte[16], Arrays.copyOf(read, 16), "the gap reads as zeros");
        assertEquals(1, read[16]);
        one.pool.release(one.c, second);
        one.pool.close();
    }

    @Test
    void refusesWritesPastCapacityAndRequestsPastMaxBufferSize() {
        final long h = pool.allocate(a, 10);
        pool.write(a, h, 0, new byte[64], 0, 64);
        assertCode(ErrorCode.E0305, () -> pool.write(a, h, 1, new byte[64], 0, 64));
        assertCode(ErrorCode.E0305, () -> pool.write(a, h, 64, new byte[1], 0, 1));
        assertCode(ErrorCode.E0305, () -> pool.append(a, h, new byte[1], 0, 1));
        assertCode(ErrorCode.E0305, () -> pool.write(a, h, -1, new byte[1], 0, 1));
        assertCode(ErrorCode.E0305, () -> pool.write(a, h, Long.MAX_VALUE - 4, new byte[8], 0, 8));
        assertEquals(0, pool.read(a, h, Long.MAX_VALUE - 4, new byte[8], 0, 8));
        assertCode(ErrorCode.E0305, () -> pool.read(a, h, -1, new byte[1], 0, 1));
        assertCode(ErrorCode.E0305, () -> pool.setLength(a, h, 65));
        final TorvynException tooBig = assertCode(ErrorCode.E0305, () -> pool.allocate(a, 8193));
        assertTrue(tooBig.problem().where().contains("max_buffer_size"));
        assertEquals(64, pool.length(h), "failed writes change nothing");
        pool.release(a, h);
        assertTrue(pool.allReturned());
    }

    @Test
    void refusesAStaleHandleAfterRelease() {
        final long h = pool.allocate(a, 8);
        pool.write(a, h, 0, new byte[8], 0, 8);
        pool.release(a, h);
        assertFalse(pool.isLive(h));
        assertEquals(BufferState.RELEASED, pool.stateOf(h));
        assertEquals(-1, pool.ownerOf(h));
        assertCode(ErrorCode.E0303, () -> pool.release(a, h));
        assertCode(ErrorCode.E0303, () -> pool.read(a, h, 0, new byte[8], 0, 8));
        assertCode(ErrorCode.E0303, () -> pool.write(a, h, 0, new byte[8], 0, 8));
        assertCode(ErrorCode.E0303, () -> pool.handOff(a, h));
        assertCode(ErrorCode.E0303, () -> pool.retain(h, 1));
        assertCode(ErrorCode.E0303, () -> pool.length(h));
        assertCode(ErrorCode.E0303, () -> pool.address(h));
        assertCode(ErrorCode.E0303, () -> pool.clone(a, h));
        assertCode(ErrorCode.E0303, () -> pool.release(a, 0L));
        assertCode(ErrorCode.E0303, () -> pool.release(a, -5L));
        assertCode(ErrorCode.E0303, () -> pool.release(a, HandleDescriptor.handle(1_000_000, 1)));
        assertCode(ErrorCode.E0303, () -> pool.length(HandleDescriptor.handle(0, 1) + (7L << 32)));
        assertTrue(pool.allReturned(), "a refused release returns nothing twice");
    }

    @Test
    void aReallocatedSlotIsNeverReachableThroughTheOldHandle() {
        final long old = pool.allocate(a, 300);
        pool.release(a, old);
        long fresh = pool.allocate(b, 300);
        int takenOnTheWay = 0;
        while (HandleDescriptor.slot(fresh) != HandleDescriptor.slot(old)) {
            fresh = pool.allocate(b, 300);
            takenOnTheWay++;
        }
        final long reused = fresh;
        assertNotEquals(old, reused);
        assertNotEquals(HandleDescriptor.generation(old), HandleDescriptor.generation(reused));
        pool.write(b, reused, 0, pattern(10, 3), 0, 10);
        assertCode(ErrorCode.E0303, () -> pool.read(a, old, 0, new byte[10], 0, 10));
        assertCode(ErrorCode.E0303, () -> pool.write(a, old, 0, new byte[1], 0, 1));
        assertCode(ErrorCode.E0303, () -> pool.release(a, old));
        assertCode(ErrorCode.E0303, () -> pool.retain(old, 1));
        assertTrue(pool.isLive(reused));
        assertEquals(10, pool.length(reused));
        assertEquals(b.node, pool.ownerOf(reused));
        pool.release(b, reused);
        assertEquals(takenOnTheWay, pool.reclaimOwnedBy(b.node), "the other medium buffers taken on the way");
        assertTrue(pool.allReturned());
    }

    @Test
    void onlyTheOwnerWritesAndAHandedOffBufferIsReadOnly() {
        final long h = pool.allocate(a, 16);
        final TorvynException foreign = assertCode(ErrorCode.E0302, () -> pool.write(b, h, 0, new byte[1], 0, 1));
        assertTrue(foreign.getMessage().contains("owned by node 0"), foreign.getMessage());
        assertEquals("node 'b'", foreign.problem().where());
        assertCode(ErrorCode.E0302, () -> pool.release(b, h));
        assertCode(ErrorCode.E0302, () -> pool.handOff(b, h));
        assertCode(ErrorCode.E0302, () -> pool.setContentType(b, h, 0));
        pool.write(a, h, 0, new byte[] {7}, 0, 1);
        assertEquals(1, pool.read(b, h, 0, new byte[1], 0, 1), "anyone with a live handle reads");

        pool.handOff(a, h);
        assertEquals(BufferState.IN_TRANSIT, pool.stateOf(h));
        assertEquals(-1, pool.ownerOf(h));
        assertCode(ErrorCode.E0302, () -> pool.write(a, h, 1, new byte[1], 0, 1));
        assertCode(ErrorCode.E0302, () -> pool.handOff(a, h));
        pool.release(b, h);
        assertTrue(pool.allReturned());
    }

    @Test
    void fanOutReturnsTheBufferExactlyOnce() {
        final BufferClient c = pool.newClient(2, "c");
        final long h = pool.allocate(a, 32);
        pool.write(a, h, 0, pattern(32, 4), 0, 32);
        pool.handOff(a, h);
        pool.retain(h, 2);
        pool.release(a, h);
        pool.release(b, h);
        assertTrue(pool.isLive(h));
        assertEquals(3, pool.available(0));
        assertEquals(32, pool.read(c, h, 0, new byte[32], 0, 32));
        pool.release(c, h);
        assertFalse(pool.isLive(h));
        assertEquals(4, pool.available(0));
        assertEquals(1, pool.returned(0));
        assertEquals(1, c.returned(0), "the last releaser returns it");
        assertEquals(0, a.returned(0) + b.returned(0));
        assertCode(ErrorCode.E0303, () -> pool.release(c, h));
        assertEquals(4, pool.available(0));
    }

    @Test
    void theOwnerReleasesAnOwnedBufferStraightBack() {
        final long h = pool.allocate(a, 32);
        assertEquals(64, a.ownedBytes());
        pool.release(a, h);
        assertEquals(0, a.ownedBytes());
        assertEquals(64, a.ownedBytesPeak());
        assertTrue(pool.allReturned());
    }

    @Test
    void fallsBackToAnExactSizeAllocationWhenATierIsEmpty() {
        final long[] held = new long[4];
        for (int i = 0; i < 4; i++) {
            held[i] = pool.allocate(a, 64);
        }
        assertEquals(0, pool.available(0));
        final long extra = pool.allocate(b, 50);
        assertTrue(pool.isFallback(extra));
        assertEquals(50, pool.capacity(extra), "exact size");
        assertEquals(0, pool.tierOf(extra), "attributed to the exhausted tier");
        assertEquals(1, pool.fallbackLive());
        assertEquals(50, pool.fallbackBytesLive());
        assertEquals(1, pool.exhaustionEvents(0));
        assertEquals(1, pool.fallbackCount(0));
        assertEquals(4.0 / 5.0, pool.reuseRate(0), 1e-9);
        assertEquals(64 * 4 + 512 * 2 + 50, pool.offHeapBytes());
        assertFalse(pool.allReturned());

        final byte[] payload = pattern(50, 5);
        pool.write(b, extra, 0, payload, 0, 50);
        assertCode(ErrorCode.E0305, () -> pool.write(b, extra, 50, new byte[1], 0, 1));
        final byte[] back = new byte[50];
        pool.handOff(b, extra);
        assertEquals(50, pool.read(a, extra, 0, back, 0, 50));
        assertArrayEquals(payload, back);
        pool.release(a, extra);
        assertFalse(pool.isLive(extra));
        assertEquals(0, pool.fallbackLive());
        assertEquals(0, pool.fallbackBytesLive());
        assertEquals(1, pool.fallbackPeak());
        assertEquals(1, a.fallbacksFreed(), "freed by whoever dropped the last reference");
        assertEquals(1, b.fallbacks());
        for (final long h : held) {
            pool.release(a, h);
        }
        assertTrue(pool.allReturned());
    }

    @Test
    void fallsBackForRequestsLargerThanEveryTier() {
        final long h = pool.allocate(a, 5000);
        assertTrue(pool.isFallback(h));
        assertEquals(5000, pool.capacity(h));
        assertEquals(1, pool.tierOf(h), "counted under the largest tier");
        assertEquals(1, a.oversizeAllocations());
        assertEquals(0, pool.exhaustionEvents(1), "oversize is not exhaustion");
        assertEquals(1, pool.fallbackCount(1));
        pool.release(a, h);
        assertTrue(pool.allReturned());
    }

    @Test
    void failsWithE0300WhenFallbackSlotsRunOut() {
        final BufferPool tiny = new BufferPool(Pools.config(ExhaustionPolicy.FALLBACK_ALLOC, 1 << 20,
            new TierConfig("small", 64, 1)), 1);
        try {
            final BufferClient c = tiny.newClient(0, "c");
            final long pooled = tiny.allocate(c, 1);
            final long fallback = tiny.allocate(c, 1);
            assertCode(ErrorCode.E0300, () -> tiny.allocate(c, 1));
            assertEquals(2, tiny.exhaustionEvents(0));
            tiny.release(c, fallback);
            final long again = tiny.allocate(c, 1);
            assertTrue(tiny.isFallback(again), "the fallback slot is reusable");
            assertNotEquals(fallback, again);
            tiny.release(c, again);
            tiny.release(c, pooled);
            assertTrue(tiny.allReturned());
        } finally {
            tiny.close();
        }
    }

    @Test
    void failsWithE0301WhenThePolicyIsError() {
        final BufferPool strict = new BufferPool(Pools.config(ExhaustionPolicy.ERROR, 1 << 20,
            new TierConfig("small", 64, 1)));
        try {
            final BufferClient c = strict.newClient(0, "c");
            final long h = strict.allocate(c, 10);
            final TorvynException empty = assertCode(ErrorCode.E0301, () -> strict.allocate(c, 10));
            assertTrue(empty.getMessage().contains("'small'"), empty.getMessage());
            assertEquals(1, strict.exhaustionEvents(0));
            assertCode(ErrorCode.E0301, () -> strict.allocate(c, 65));
            assertEquals(0, strict.fallbackLive());
            assertEquals(64, c.ownedBytes(), "failed allocations charge nothing");
            strict.release(c, h);
            assertTrue(strict.allReturned());
        } finally {
            strict.close();
        }
    }

    @Test
    void enforcesTheOwnedBytesBudget() {
        final BufferClient limited = pool.newClient(5, "limited", 128);
        final long first = pool.allocate(limited, 10);
        final long second = pool.allocate(limited, 64);
        final TorvynException over = assertCode(ErrorCode.E0310, () -> pool.allocate(limited, 1));
        assertTrue(over.getMessage().contains("192"), over.getMessage());
        assertCode(ErrorCode.E0310, () -> pool.allocate(limited, 300));
        assertEquals(128, limited.ownedBytes());
        pool.handOff(limited, first);
        assertEquals(64, limited.ownedBytes(), "handing off takes bytes off the budget");
        final long third = pool.allocate(limited, 1);
        assertCode(ErrorCode.E0310, () -> pool.clone(limited, first));
        pool.release(limited, first);
        pool.release(limited, second);
        pool.release(limited, third);
        assertEquals(0, limited.ownedBytes());
        assertEquals(128, limited.ownedBytesPeak());
        assertTrue(pool.allReturned());
    }

    @Test
    void reclaimsEverythingAFailedNodeStillOwns() {
        final RecordingRecorder rec = new RecordingRecorder();
        final BufferClient failing = pool.newClient(7, "failing", Long.MAX_VALUE, rec);
        final long kept1 = pool.allocate(failing, 10);
        final long kept2 = pool.allocate(failing, 300);
        final long fallback = pool.allocate(failing, 6000);
        final long passed = pool.allocate(failing, 10);
        pool.handOff(failing, passed);
        final long others = pool.allocate(a, 10);

        assertEquals(3, pool.reclaimOwnedBy(failing.node));
        assertEquals(3, failing.leaked());
        assertEquals(0, failing.ownedBytes());
        assertFalse(pool.isLive(kept1));
        assertFalse(pool.isLive(kept2));
        assertFalse(pool.isLive(fallback));
        assertEquals(0, pool.fallbackLive());
        assertTrue(pool.isLive(passed), "in-transit buffers belong to their holders");
        assertTrue(pool.isLive(others));
        assertEquals(3, rec.count(BufferOps.LEAK_RECLAIM));
        assertEquals(0, pool.reclaimOwnedBy(failing.node));
        assertEquals(0, pool.reclaimOwnedBy(99));

        pool.release(b, passed);
        pool.release(a, others);
        assertTrue(pool.allReturned());
    }

    @Test
    void countsEveryCopyByReason() {
        final long h = pool.allocate(a, 100);
        pool.write(a, h, 0, pattern(60, 1), 0, 60);
        pool.append(a, h, pattern(40, 2), 0, 40);
        pool.handOff(a, h);
        pool.read(b, h, 0, new byte[100], 0, 100);
        pool.read(b, h, 90, new byte[100], 0, 100);
        final long copy = pool.clone(b, h);
        assertEquals(100, pool.length(copy));
        final byte[] x = new byte[100];
        final byte[] y = new byte[100];
        pool.read(b, h, 0, x, 0, 100);
        pool.read(b, copy, 0, y, 0, 100);
        assertArrayEquals(x, y);
        pool.accountCopy(b, copy, CopyReason.PAYLOAD_READ, 0, 100);

        assertEquals(2, a.copies(CopyReason.PAYLOAD_WRITE));
        assertEquals(100, a.copiedBytes(CopyReason.PAYLOAD_WRITE));
        assertEquals(0, a.copies(CopyReason.PAYLOAD_READ));
        assertEquals(5, b.copies(CopyReason.PAYLOAD_READ));
        assertEquals(100 + 10 + 100 + 100 + 100, b.copiedBytes(CopyReason.PAYLOAD_READ));
        assertEquals(1, b.copies(CopyReason.HOST_CLONE));
        assertEquals(100, b.copiedBytes(CopyReason.HOST_CLONE));

        final CopyLedger ledger = pool.copyLedger();
        assertEquals(2, ledger.size());
        assertEquals(8, ledger.totalCopies());
        assertEquals(100 + 410 + 100, ledger.totalBytes());
        assertEquals(5, ledger.totalCopies(CopyReason.PAYLOAD_READ));
        final int bi = ledger.indexOf("b");
        assertEquals(6, ledger.copies(bi));
        assertEquals(1, ledger.copies(bi, CopyReason.HOST_CLONE));
        assertTrue(ledger.toString().contains("b host-clone: 1 (100 B)"), ledger.toString());

        pool.release(b, h);
        pool.release(b, copy);
        assertTrue(pool.allReturned());
    }

    @Test
    void recordsEachOperationOnlyWhenARecorderIsSet() {
        final RecordingRecorder rec = new RecordingRecorder();
        final BufferClient traced = pool.newClient(3, "traced", Long.MAX_VALUE, rec);
        traced.elementSeq = 42;
        final long h = pool.allocate(traced, 20);
        pool.write(traced, h, 4, pattern(16, 1), 0, 16);
        pool.read(traced, h, 0, new byte[8], 0, 8);
        pool.handOff(traced, h);
        pool.retain(h, 1);
        pool.release(traced, h);
        pool.release(traced, h);
        final long fb = pool.allocate(traced, 7000);
        pool.release(traced, fb);

        assertEquals(BufferOps.ALLOC, rec.op(0));
        assertEquals(64, rec.length(0));
        assertEquals(20, rec.aux(0), "alloc records the requested size");
        assertEquals(42, rec.seq(0));
        assertEquals(h, rec.handle(0));
        assertEquals(BufferOps.WRITE, rec.op(1));
        assertEquals(16, rec.copied(1));
        assertEquals(20, rec.length(1));
        assertEquals(4, rec.aux(1), "write records the offset");
        assertEquals(BufferOps.READ, rec.op(2));
        assertEquals(8, rec.copied(2));
        assertEquals(BufferOps.RELEASE, rec.op(3));
        assertEquals(1, rec.aux(3), "one reference left");
        assertEquals(BufferOps.RELEASE, rec.op(4));
        assertEquals(0, rec.aux(4));
        assertEquals(BufferOps.FALLBACK_ALLOC, rec.op(5));
        assertEquals(7000, rec.length(5));
        assertEquals(BufferOps.RELEASE, rec.op(6));
        assertEquals(7, rec.size());
        assertEquals(BufferRecorder.NONE, a.recorder());
    }

    @Test
    void allocateWrittenDoesWhatAllocateWriteAndSetContentTypeDo() {
        final int json = pool.contentTypes().register("application/json");
        final byte[] payload = pattern(40, 3);
        final BytesStore<?, Void> src = BytesStore.nativeStoreWithFixedCapacity(40);
        try {
            src.write(0, payload);
            final RecordingRecorder separateRec = new RecordingRecorder();
            final RecordingRecorder fusedRec = new RecordingRecorder();
            final BufferClient separate = pool.newClient(3, "separate", Long.MAX_VALUE, separateRec);
            final BufferClient fused = pool.newClient(4, "fused", Long.MAX_VALUE, fusedRec);
            separate.elementSeq = 7;
            fused.elementSeq = 7;

            final long h1 = pool.allocate(separate, 40);
            pool.write(separate, h1, 0, src.addressForRead(0), 40);
            pool.setContentType(separate, h1, json);
            final long h2 = pool.allocateWritten(fused, src.addressForRead(0), 40, json);

            final byte[] back = new byte[40];
            assertEquals(40, pool.read(a, h2, 0, back, 0, 40));
            assertArrayEquals(payload, back);
            assertEquals(40, pool.length(h2));
            assertEquals(json, pool.contentType(h2));
            assertEquals(BufferState.OWNED, pool.stateOf(h2));
            assertEquals(fused.node, pool.ownerOf(h2));
            assertEquals(separate.ownedBytes(), fused.ownedBytes());
            assertEquals(1, fused.copies(CopyReason.PAYLOAD_WRITE));
            assertEquals(40, fused.copiedBytes(CopyReason.PAYLOAD_WRITE));
            assertEquals(2, fusedRec.size());
            assertEquals(separateRec.size(), fusedRec.size());
            for (int i = 0; i < fusedRec.size(); i++) {
                assertEquals(separateRec.op(i), fusedRec.op(i));
                assertEquals(separateRec.seq(i), fusedRec.seq(i));
                assertEquals(separateRec.length(i), fusedRec.length(i));
                assertEquals(separateRec.copied(i), fusedRec.copied(i));
                assertEquals(separateRec.aux(i), fusedRec.aux(i));
            }
            assertEquals(h2, fusedRec.handle(0));

            final long allocated = pool.allocated(0);
            final long srcAddress = src.addressForRead(0);
            assertThrows(IllegalArgumentException.class, () -> pool.allocateWritten(fused, srcAddress, 4, 99));
            assertEquals(allocated, pool.allocated(0), "nothing allocated for an unknown content type");
            pool.release(separate, h1);
            pool.release(fused, h2);
            assertTrue(pool.allReturned());
        } finally {
            src.releaseLast();
        }
    }

    @Test
    void handsASoleReferenceBackToOwnershipForInPlaceEdits() {
        final long h = pool.allocate(a, 10);
        pool.write(a, h, 0, new byte[] {1, 2, 3}, 0, 3);
        pool.handOff(a, h);
        pool.retain(h, 1);
        assertFalse(pool.takeOwnership(b, h), "another holder still reads it");
        pool.release(a, h);
        assertTrue(pool.takeOwnership(b, h));
        assertEquals(b.node, pool.ownerOf(h));
        assertEquals(64, b.ownedBytes());
        pool.write(b, h, 3, new byte[] {4}, 0, 1);
        assertEquals(4, pool.length(h));
        assertTrue(pool.takeOwnership(b, h), "already owned");
        assertFalse(pool.takeOwnership(a, h));
        pool.release(b, h);
        assertTrue(pool.allReturned());
    }

    @Test
    void carriesContentTypesAcrossClones() {
        final int json = pool.contentTypes().register("application/json");
        final long h = pool.allocate(a, 4);
        assertEquals(ContentTypes.NONE, pool.contentType(h));
        pool.setContentType(a, h, json);
        pool.write(a, h, 0, new byte[] {'{', '}'}, 0, 2);
        final long copy = pool.clone(a, h);
        assertEquals(json, pool.contentType(copy));
        assertEquals(2, pool.length(copy));
        pool.release(a, h);
        pool.release(a, copy);
        final long reused = pool.allocate(a, 4);
        assertEquals(ContentTypes.NONE, pool.contentType(reused), "a new allocation is untagged");
        pool.release(a, reused);
    }

    @Test
    void closingFreesMemoryAndKillsEveryHandle() {
        final long h = pool.allocate(a, 10);
        final long fb = pool.allocate(a, 6000);
        pool.close();
        assertFalse(pool.isLive(h));
        assertFalse(pool.isLive(fb));
        assertEquals(0, pool.fallbackLive());
        assertCode(ErrorCode.E0303, () -> pool.read(a, h, 0, new byte[1], 0, 1));
        assertCode(ErrorCode.E0900, () -> pool.allocate(a, 10));
        pool.close();
    }

    @Test
    void rejectsDuplicateNodesAndBadTiers() {
        assertThrows(IllegalArgumentException.class, () -> pool.newClient(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(
            Pools.config(ExhaustionPolicy.ERROR, 1024, new TierConfig("a", 64, 1), new TierConfig("b", 64, 1))));
        assertEquals(pool.clientOf(1), b);
        assertEquals(2, pool.clients().size());
        assertEquals(1, pool.tierIndex("medium"));
        assertEquals("small", pool.tierName(0));
        assertEquals(4, pool.capacity(0));
    }

    /** A one-tier, one-buffer pool so reuse of the same slot is certain. */
    private static final class PoolsLike {
        final BufferPool pool = new BufferPool(Pools.config(ExhaustionPolicy.ERROR, 1024,
            new TierConfig("only", 32, 1)), 0);
        final BufferClient c = pool.newClient(0, "c");
    }
}
