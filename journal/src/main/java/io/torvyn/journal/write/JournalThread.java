package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferOps;
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
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

import static io.torvyn.journal.record.JournalRecordDescriptor.FULL_LENGTH;
import static io.torvyn.journal.record.JournalRecordDescriptor.HEADER_LENGTH;

/**
 * The journal thread: the single writer of every queue of a run. It takes records from each node's
 * {@link RecordRing} in turn and appends them to that node's Chronicle Queue as whole ranges, one document (header
 * and one checksum) per range, so the per-append cost of Chronicle and of the checksum is paid once per batch, not per
 * record. It writes {@code flow-start} first and {@code flow-end} last, into the flow queue.
 *
 * <p>After a pass that empties every ring it sleeps briefly, so records accumulate into large documents and the
 * thread takes little CPU from the stages; a ring with more than one document waiting is drained again at once.
 * Asked to stop, it drains every ring to empty before writing flow-end, so nothing the stages recorded is lost; asked
 * to abort, it stops at once. Any failure (a full disk) closes every ring so no stage waits forever on a journal that
 * is gone; the failure is reported by {@link ChronicleRunJournal#finish}.
 */
final class JournalThread implements Runnable {
    private static final int MAX_DOCUMENT_BYTES = 64 << 10;
    /**
     * How long the thread sleeps after a pass that emptied every ring. Long enough that each pass moves a good batch
     * per document and the thread wakes rarely (on 2 cores every wake-up takes a core from a stage), short enough
     * that a 1 MiB ring (64 Ki tiny records) at millions of records per second does not fill meanwhile.
     */
    private static final long PAUSE_NS = 1_000_000;

    private final RecordRing[] rings;
    private final ChronicleQueue[] queues;
    private final ChronicleQueue flowQueue;
    private final ExcerptAppender[] appenders;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final BytesStore<?, ByteBuffer> headerStore = BytesStore.wrap(header);
    private final ByteBuffer flowRecord = ByteBuffer.allocateDirect(FULL_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final BytesStore<?, ByteBuffer> flowRecordStore = BytesStore.wrap(flowRecord);
    private final long flowRecordAddress = flowRecordStore.addressForWrite(0);
    private final int[] runStarts = new int[2];
    private final int[] runLengths = new int[2];
    private final long[] recordNumbers;
    private final long[] anchorTimes;
    private final long[] anchorSeqs;
    private long flowRecords;
    private boolean backlog;
    private final long startNs;
    private final int level;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Thread runner;
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
        this.recordNumbers = new long[rings.length];
        this.anchorTimes = new long[rings.length];
        this.anchorSeqs = new long[rings.length];
        this.startNs = startNs;
        this.level = level;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        for (final RecordRing r : rings) {
            if (r != null) {
                r.consumer(runner);
            }
        }
        ExcerptAppender flow = null;
        try {
            flow = flowQueue.createAppender();
            openAppenders();
            writeFlowRecord(flow, BufferOps.FLOW_START, startNs, 0, 0, 0, level);
            ready.countDown();
            while (!aborted) {
                if (stopRequested) {
                    drainToStop();
                    writeFlowRecord(flow, BufferOps.FLOW_END, endNs, endElements, endCopyBytes, endCopies,
                        endExitCode);
                    break;
                }
                drainAvailable();
                if (!backlog) {
                    LockSupport.parkNanos(PAUSE_NS);
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
        wake();
    }

    /** Asks the thread to end now, leaving whatever is still in the rings. */
    void abort() {
        aborted = true;
        wake();
    }

    private void wake() {
        final Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
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
        backlog = false;
        int moved = 0;
        for (int i = 0; i < rings.length; i++) {
            if (rings[i] != null) {
                moved += drain(i, stopAt == null ? Long.MAX_VALUE : stopAt[i]);
            }
        }
        return moved;
    }

    /**
     * Moves up to one document's worth of records (before {@code limit}) from node {@code node}'s ring to its queue:
     * walks the records once (to skip padding, count them and follow the anchor), then writes one document of a
     * header and the records copied as whole ranges (two when the range wraps the ring), checksummed as one.
     *
     * @return the records moved
     */
    private int drain(final int node, final long limit) {
        final RecordRing ring = rings[node];
        long head = ring.head();
        final long tail = Math.min(limit, ring.tail());
        if (head >= tail) {
            return 0;
        }
        final long base = ring.address();
        long anchorTime = anchorTimes[node];
        long anchorSeq = anchorSeqs[node];
        int count = 0;
        int body = 0;
        int runs = 0;
        int runStart = -1;
        int runLength = 0;
        while (head < tail && body < MAX_DOCUMENT_BYTES) {
            final int at = ring.indexOf(head);
            final long w = JournalRecordDescriptor.getLong(base + at);
            final int size = JournalRecordDescriptor.recordLength(w);
            if (size <= 0) {
                throw new IllegalStateException("ring of node " + node + " holds a record of " + size + " bytes at "
                    + head);
            }
            head += size;
            if (JournalRecordDescriptor.form(w) == JournalRecordDescriptor.FORM_PADDING) {
                continue;
            }
            if (runStart >= 0 && at != runStart + runLength) {
                runStarts[runs] = runStart;
                runLengths[runs++] = runLength;
                runStart = -1;
                runLength = 0;
            }
            if (runStart < 0) {
                runStart = at;
            }
            runLength += size;
            body += size;
            count++;
            if (JournalRecordDescriptor.isFull(w)) {
                anchorTime = JournalRecordDescriptor.getLong(base + at + JournalRecordDescriptor.TIME_OFFSET);
                anchorSeq = JournalRecordDescriptor.anchorSeqAfter(anchorSeq,
                    JournalRecordDescriptor.getLong(base + at + JournalRecordDescriptor.ELEMENT_SEQ_OFFSET));
            }
        }
        if (head < tail) {
            backlog = true;
        }
        if (runLength > 0) {
            runStarts[runs] = runStart;
            runLengths[runs++] = runLength;
        }
        if (count > 0) {
            JournalRecordDescriptor.putHeader(header, 0, body, node, count, recordNumbers[node], anchorTimes[node],
                anchorSeqs[node]);
            JournalRecordDescriptor.checksumHeader(crc, header, 0);
            final ByteBuffer view = ring.consumerView();
            for (int r = 0; r < runs; r++) {
                JournalRecordDescriptor.checksumBody(crc, view, runStarts[r], runLengths[r]);
            }
            JournalRecordDescriptor.seal(crc, header, 0);
            writeDocument(appenders[node], ring.store(), runs);
            recordNumbers[node] += count;
            anchorTimes[node] = anchorTime;
            anchorSeqs[node] = anchorSeq;
            records += count;
            bytes += HEADER_LENGTH + body;
        }
        ring.release(head);
        return count;
    }

    /** Appends one document: the header, then the first {@code runs} ranges of {@code store}. */
    private void writeDocument(final ExcerptAppender appender, final BytesStore<?, ByteBuffer> store,
                               final int runs) {
        final DocumentContext dc = appender.writingDocument();
        try {
            final Bytes<?> out = dc.wire().bytes();
            out.write(headerStore, 0L, (long) HEADER_LENGTH);
            for (int r = 0; r < runs; r++) {
                out.write(store, (long) runStarts[r], (long) runLengths[r]);
            }
        } catch (final RuntimeException | Error e) {
            dc.rollbackOnClose();
            throw e;
        } finally {
            dc.close();
        }
    }

    /** Writes a flow record (flow-start, flow-end) as a document of its own in the flow queue. */
    private void writeFlowRecord(final ExcerptAppender flow, final int op, final long timeNs, final long length,
                                 final long copiedBytes, final long fuel, final long aux) {
        JournalRecordDescriptor.putFull(flowRecordAddress, op, -1, 0, timeNs, -1, 0, 0, length, copiedBytes, fuel, aux,
            0);
        JournalRecordDescriptor.putHeader(header, 0, FULL_LENGTH, JournalRecordDescriptor.FLOW_NODE, 1, flowRecords,
            0, 0);
        JournalRecordDescriptor.checksumHeader(crc, header, 0);
        JournalRecordDescriptor.checksumBody(crc, flowRecord, 0, FULL_LENGTH);
        JournalRecordDescriptor.seal(crc, header, 0);
        runStarts[0] = 0;
        runLengths[0] = FULL_LENGTH;
        writeDocument(flow, flowRecordStore, 1);
        flowRecords++;
        records++;
        bytes += HEADER_LENGTH + FULL_LENGTH;
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
