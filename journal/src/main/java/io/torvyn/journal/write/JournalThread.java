package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.schedule.IdleStrategy;
import io.torvyn.engine.schedule.SleepingIdle;
import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static io.torvyn.journal.record.JournalRecordDescriptor.FRAME_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.FRAME_LENGTH_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.KIND_OFFSET;
import static io.torvyn.journal.record.JournalRecordDescriptor.KIND_PADDING;

/**
 * The journal thread: the single writer of every queue of a run. It takes records from each node's
 * {@link RecordRing} in turn, seals them (checksum) and appends them to that node's Chronicle Queue, many records
 * per queue document so the per-append cost of Chronicle is paid once per batch, not per record. It writes
 * {@code flow-start} first and {@code flow-end} last, into the flow queue.
 *
 * <p>It idles (spin, yield, park) when every ring is empty. Asked to stop, it drains every ring to empty before
 * writing flow-end, so nothing the stages recorded is lost; asked to abort, it stops at once. Any failure (a full disk)
 * closes every ring so no stage waits forever on a journal that is gone; the failure is reported by
 * {@link ChronicleRunJournal#finish}.
 */
final class JournalThread implements Runnable {
    private static final int MAX_DOCUMENT_BYTES = 64 << 10;

    private final RecordRing[] rings;
    private final ChronicleQueue[] queues;
    private final ChronicleQueue flowQueue;
    private final ExcerptAppender[] appenders;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(FRAME_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final BytesStore<?, ByteBuffer> scratchStore = BytesStore.wrap(scratch);
    private final long startNs;
    private final int level;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile Throwable failure;
    private volatile long records;
    private volatile long bytes;
    private long endNs;
    private long endElements;
    private long endCopies;
    private long endCopyBytes;
    private int endExitCode;

    /**
     * @param rings  one ring per node index (null for a node without a recorder)
     * @param queues the queue of each node index
     */
    JournalThread(final RecordRing[] rings, final ChronicleQueue[] queues, final ChronicleQueue flowQueue,
                  final long startNs, final int level) {
        this.rings = rings;
        this.queues = queues;
        this.flowQueue = flowQueue;
        this.appenders = new ExcerptAppender[rings.length];
        this.startNs = startNs;
        this.level = level;
    }

    @Override
    public void run() {
        ExcerptAppender flow = null;
        try {
            flow = flowQueue.createAppender();
            openAppenders();
            writeFlowRecord(flow, BufferOps.FLOW_START, startNs, 0, 0, 0, level);
            ready.countDown();
            final IdleStrategy idle = new SleepingIdle();
            while (!aborted) {
                if (stopRequested) {
                    drainToStop();
                    writeFlowRecord(flow, BufferOps.FLOW_END, endNs, endElements, endCopyBytes, endCopies,
                        endExitCode);
                    break;
                }
                if (drainAvailable() > 0) {
                    idle.reset();
                } else {
                    idle.idle();
                }
            }
        } catch (final Throwable t) {
            failure = t;
            ready.countDown();
            for (final RecordRing r : rings) {
                if (r != null) {
                    r.close();
                }
            }
        } finally {
            closeQuietly(flow);
            closeAppenders();
        }
    }

    /** Creates the node queues' appenders on the calling thread, which becomes their only writer. */
    void openAppenders() {
        for (int i = 0; i < rings.length; i++) {
            if (rings[i] != null) {
                appenders[i] = queues[i].createAppender();
            }
        }
    }

    /** One pass over every ring: what {@link #run()} does each round (tests drive it directly). */
    int drainAvailable() {
        return drainAll(null);
    }

    /** Closes the node queues' appenders (tests; {@link #run()} closes its own). */
    void closeAppenders() {
        for (final ExcerptAppender a : appenders) {
            closeQuietly(a);
        }
    }

    /**
     * Waits until the thread has opened its appenders and written flow-start (or failed), so the first records of
     * the run do not wait for Chronicle's one-time set-up.
     */
    boolean awaitReady(final long timeoutMs) throws InterruptedException {
        return ready.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Asks the thread to drain every ring, write flow-end with these figures and end. */
    void stop(final long timeNs, final long elements, final long copies, final long copyBytes, final int exitCode) {
        endNs = timeNs;
        endElements = elements;
        endCopies = copies;
        endCopyBytes = copyBytes;
        endExitCode = exitCode;
        stopRequested = true;
    }

    /** Asks the thread to end now, leaving whatever is still in the rings. */
    void abort() {
        aborted = true;
    }

    Throwable failure() {
        return failure;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    /**
     * Drains everything recorded up to the stop request. The stages have normally ended by then; a stage that is
     * stuck and still recording cannot keep the journal open, since what it adds after the request is not waited for.
     */
    private void drainToStop() {
        final long[] stopAt = new long[rings.length];
        for (int i = 0; i < rings.length; i++) {
            stopAt[i] = rings[i] == null ? 0 : rings[i].tail();
        }
        while (!aborted && drainAll(stopAt) > 0) {
            Thread.onSpinWait();
        }
    }

    private int drainAll(final long[] stopAt) {
        int moved = 0;
        for (int i = 0; i < rings.length; i++) {
            if (rings[i] != null) {
                moved += drain(rings[i], appenders[i], stopAt == null ? Long.MAX_VALUE : stopAt[i]);
            }
        }
        return moved;
    }

    /**
     * Moves up to one document's worth of records (before {@code limit}) from {@code ring} to its queue: seals each,
     * then copies each contiguous run of records with one write (a run ends at padding or where the ring wraps).
     */
    private int drain(final RecordRing ring, final ExcerptAppender appender, final long limit) {
        long head = ring.head();
        final long tail = Math.min(limit, ring.tail());
        if (head >= tail) {
            return 0;
        }
        final ByteBuffer view = ring.consumerView();
        int moved = 0;
        int documentBytes = 0;
        int runStart = -1;
        int runLength = 0;
        DocumentContext dc = null;
        try {
            while (head < tail && documentBytes < MAX_DOCUMENT_BYTES) {
                final int at = ring.indexOf(head);
                final int frameLength = view.getInt(at + FRAME_LENGTH_OFFSET);
                if (view.get(at + KIND_OFFSET) == KIND_PADDING) {
                    dc = copyRun(appender, dc, ring, runStart, runLength);
                    runStart = -1;
                    runLength = 0;
                    head += frameLength;
                    continue;
                }
                final int size = JournalRecordDescriptor.alignedLength(frameLength);
                JournalRecordDescriptor.seal(crc, view, at);
                if (runStart >= 0 && at != runStart + runLength) {
                    dc = copyRun(appender, dc, ring, runStart, runLength);
                    runStart = -1;
                    runLength = 0;
                }
                if (runStart < 0) {
                    runStart = at;
                }
                runLength += size;
                head += size;
                documentBytes += size;
                moved++;
            }
            dc = copyRun(appender, dc, ring, runStart, runLength);
        } finally {
            if (dc != null) {
                dc.close();
            }
        }
        ring.release(head);
        records += moved;
        bytes += documentBytes;
        return moved;
    }

    private static DocumentContext copyRun(final ExcerptAppender appender, final DocumentContext open,
                                           final RecordRing ring, final int start, final int length) {
        if (length == 0) {
            return open;
        }
        final DocumentContext dc = open != null ? open : appender.writingDocument();
        dc.wire().bytes().write(ring.store(), (long) start, (long) length);
        return dc;
    }

    private void writeFlowRecord(final ExcerptAppender flow, final int op, final long timeNs, final long length,
                                 final long copiedBytes, final long fuel, final long aux) {
        JournalRecordDescriptor.writeFrame(scratch, 0, JournalRecordDescriptor.KIND_OP, FRAME_LENGTH, timeNs, -1,
            JournalRecordDescriptor.FLOW_NODE, op, 0, -1, 0, length, copiedBytes, fuel, aux, 0);
        JournalRecordDescriptor.seal(crc, scratch.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0);
        try (DocumentContext dc = flow.writingDocument()) {
            final Bytes<?> out = dc.wire().bytes();
            out.write(scratchStore, 0L, (long) FRAME_LENGTH);
        }
        records++;
        bytes += FRAME_LENGTH;
    }

    private static void closeQuietly(final ExcerptAppender appender) {
        if (appender != null) {
            try {
                appender.close();
            } catch (final RuntimeException ignored) {
                // closing is best effort: the data is already in the mapped file
            }
        }
    }
}
