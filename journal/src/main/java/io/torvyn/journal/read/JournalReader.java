package io.torvyn.journal.read;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The one reader behind trace, replay and analyze. It trusts nothing it reads: every document is validated
 * ({@link JournalRecordDescriptor#validateHeader}: magic, version, lengths, checksum, the node of its queue; then
 * {@link JournalRecordDescriptor#validateRecord} for each record in it), a damaged document is reported as E0600 with
 * its queue and index and skipped, and reading goes on with the next document, so everything before and after the
 * damage is still returned. Each document says how many of its node's records came before it, so a document that is
 * skipped or missing is also counted in records. A queue the Chronicle layer itself cannot read past (a torn
 * document header, a file cut short) ends there with an E0600 for its tail; a queue file cut short is read from a
 * padded copy so a truncated mapping never faults. Nothing thrown by bad data escapes: problems come back in the
 * {@link ReadResult}.
 *
 * <p>Queues are read one after another, flow queue first, then nodes by index; within a queue, records arrive in the
 * order the node made them.
 */
public final class JournalReader {
    private static final int MAX_DOCUMENT = 64 << 20;
    private static final long PAGE = 4096;
    private static final long PAD_TO = 64L << 20;

    private final Path directory;
    private final RunInfo info;
    private final List<Problem> problems = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private ByteBuffer document = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] documentBytes = document.array();
    private long records;
    private long skipped;
    private long nextRecord = -1;
    private boolean flowEnd;

    private JournalReader(final Path directory, final RunInfo info) {
        this.directory = directory;
        this.info = info;
    }

    /**
     * Reads every valid record of the journal at {@code path} (a run directory, or a parent of run directories: then
     * the newest run) into {@code handler}.
     *
     * @throws JournalNotFoundException E0601 when {@code path} holds no journal
     */
    public static ReadResult read(final Path path, final RecordHandler handler) {
        final Path dir = resolve(path);
        final List<Problem> early = new ArrayList<>();
        RunInfo info = null;
        if (Files.isRegularFile(dir.resolve(RunInfo.FILE_NAME))) {
            try {
                info = RunInfo.read(dir);
            } catch (final IOException | RuntimeException e) {
                early.add(corrupt("cannot parse " + RunInfo.FILE_NAME + ": " + firstLine(e), dir + "/"
                    + RunInfo.FILE_NAME, "names of nodes, streams and tiers are unknown; records are still read"));
            }
        } else {
            early.add(corrupt(RunInfo.FILE_NAME + " is missing", dir.toString(),
                "names of nodes, streams and tiers are unknown; records are still read"));
        }
        if (info == null) {
            info = headerlessInfo(dir);
        }
        final JournalReader reader = new JournalReader(dir, info);
        reader.problems.addAll(early);
        reader.readQueues(handler);
        return new ReadResult(dir, info, List.copyOf(reader.problems), reader.records, reader.skipped,
            reader.flowEnd);
    }

    /** Reads the whole journal into memory (for journals that fit: tests, trace of a short run). */
    public static Journal readAll(final Path path) {
        final List<JournalRecord> all = new ArrayList<>();
        final ReadResult result = read(path, all::add);
        return new Journal(result, all);
    }

    /**
     * The run directory {@code path} names: itself when it holds a journal, else its newest sub-directory that does.
     *
     * @throws JournalNotFoundException E0601 when there is none
     */
    public static Path resolve(final Path path) {
        if (!Files.isDirectory(path)) {
            throw new JournalNotFoundException(path, Files.exists(path) ? "not a directory" : "no such directory");
        }
        if (isRun(path)) {
            return path;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.filter(Files::isDirectory).filter(JournalReader::isRun)
                .max(Comparator.comparing(JournalReader::modified).thenComparing(Path::toString))
                .orElseThrow(() -> new JournalNotFoundException(path, "it holds neither " + RunInfo.FILE_NAME
                    + " nor queues, nor any run directory that does"));
        } catch (final IOException e) {
            throw new JournalNotFoundException(path, "cannot list it: " + e.getMessage());
        }
    }

    private static boolean isRun(final Path dir) {
        return Files.isRegularFile(dir.resolve(RunInfo.FILE_NAME))
            || Files.isDirectory(dir.resolve(RunInfo.QUEUES_DIR));
    }

    private static long modified(final Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (final IOException e) {
            return 0;
        }
    }

    private void readQueues(final RecordHandler handler) {
        final List<String> names = queueNames();
        if (names.isEmpty()) {
            problems.add(corrupt("the journal has no queues", directory.toString(),
                "the run was stopped before its journal started"));
        }
        for (final String name : names) {
            final Path queueDir = directory.resolve(RunInfo.QUEUES_DIR).resolve(name);
            if (!Files.isDirectory(queueDir)) {
                problems.add(corrupt("queue `" + name + "` listed in " + RunInfo.FILE_NAME + " is missing",
                    where(name, -1, -1), "the journal directory was damaged; the other queues are still read"));
                continue;
            }
            readQueue(name, queueDir, expectedNode(name), handler);
        }
        if (!flowEnd) {
            problems.add(corrupt("the journal ends without flow-end: the run did not finish (killed, or still "
                + "running); every record written before that point was read", where(RunInfo.FLOW_QUEUE, -1, -1),
                "records after the last one shown were lost with the process"));
        } else if (info.end() != null && skipped == 0 && records < info.end().records()) {
            problems.add(corrupt((info.end().records() - records) + " record(s) missing: " + RunInfo.FILE_NAME
                + " says " + info.end().records() + " were written, " + records + " were found", directory.toString(),
                "a queue file was truncated or removed"));
        }
    }

    private List<String> queueNames() {
        if (info.queues() != null && !info.queues().isEmpty()) {
            return info.queues();
        }
        final List<String> names = new ArrayList<>();
        final Path queues = directory.resolve(RunInfo.QUEUES_DIR);
        if (Files.isDirectory(queues)) {
            try (Stream<Path> s = Files.list(queues)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .sorted(Comparator.comparingInt(JournalReader::expectedNode)).forEach(names::add);
            } catch (final IOException e) {
                problems.add(corrupt("cannot list the queues: " + e.getMessage(), queues.toString(), ""));
            }
        }
        return names;
    }

    private static int expectedNode(final String queue) {
        if (queue.startsWith("node-")) {
            try {
                return Integer.parseInt(queue.substring("node-".length()));
            } catch (final NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }
        return queue.equals(RunInfo.FLOW_QUEUE) ? JournalRecordDescriptor.FLOW_NODE : Integer.MIN_VALUE;
    }

    private void readQueue(final String name, final Path queueDir, final int node, final RecordHandler handler) {
        Path readable = queueDir;
        Path copy = null;
        try {
            if (hasShortFile(queueDir, info.blockSize())) {
                copy = paddedCopy(queueDir);
                readable = copy;
            }
        } catch (final IOException e) {
            problems.add(corrupt("queue `" + name + "` cannot be read: " + e.getMessage(), where(name, -1, -1), ""));
            return;
        }
        long lastIndex = -1;
        nextRecord = 0;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(readable).readOnly(true).build()) {
            final ExcerptTailer tailer = queue.createTailer();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    lastIndex = dc.index();
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long length = bytes.readRemaining();
                    if (length > MAX_DOCUMENT || length < 0) {
                        problems.add(corrupt("queue `" + name + "`: a document of " + length + " bytes; the rest of "
                            + "this queue is unreadable", where(name, lastIndex, -1),
                            "the queue file is damaged at this point"));
                        skipped++;
                        return;
                    }
                    final int n = (int) length;
                    ensureCapacity(n);
                    bytes.read(documentBytes, 0, n);
                    parseDocument(name, lastIndex, node, n, handler);
                }
            }
        } catch (final RuntimeException | InternalError e) {
            skipped++;
            problems.add(corrupt("queue `" + name + "` is unreadable after "
                + (lastIndex < 0 ? "its start" : "index " + hex(lastIndex)) + " (" + firstLine(e) + "); the rest of "
                + "this queue is skipped", where(name, lastIndex, -1), "the queue file is damaged or was cut short"));
        } finally {
            if (copy != null) {
                deleteTree(copy);
            }
        }
    }

    /**
     * Validates one document (header, checksum) and hands on its records. A damaged document is reported with its
     * index and skipped whole; a document that starts later than the previous one ended means records are missing
     * between them, which is reported too (unless the damage before it was reported already).
     */
    private void parseDocument(final String queue, final long index, final int node, final int length,
                               final RecordHandler handler) {
        final ByteBuffer b = document;
        final String why = JournalRecordDescriptor.validateHeader(crc, b, length);
        if (why != null) {
            final boolean plausible = length >= JournalRecordDescriptor.HEADER_LENGTH
                && b.getShort(JournalRecordDescriptor.MAGIC_OFFSET) == JournalRecordDescriptor.MAGIC;
            final int claimed = plausible ? b.getInt(JournalRecordDescriptor.COUNT_OFFSET) : -1;
            problems.add(corrupt("invalid document: " + why + "; skipped " + length + " byte(s)"
                    + (claimed > 0 && claimed <= length / JournalRecordDescriptor.TINY_LENGTH
                    ? " (about " + claimed + " record(s))" : ""),
                where(queue, index, -1), "the records of the documents around it are read normally"));
            skipped++;
            nextRecord = -1;
            return;
        }
        final int docNode = b.getInt(JournalRecordDescriptor.NODE_OFFSET);
        if (node != Integer.MIN_VALUE && docNode != node) {
            problems.add(corrupt("a document of node " + docNode + " in the queue of node " + node + ": skipped",
                where(queue, index, -1), "the journal directory was rearranged"));
            skipped++;
            return;
        }
        final long first = b.getLong(JournalRecordDescriptor.FIRST_RECORD_OFFSET);
        final int count = b.getInt(JournalRecordDescriptor.COUNT_OFFSET);
        if (nextRecord >= 0 && first != nextRecord) {
            problems.add(corrupt((first > nextRecord ? (first - nextRecord) + " record(s) missing" : "records "
                    + first + ".." + (nextRecord - 1) + " appear twice") + " before this document", where(queue,
                index, -1), "a document of this queue was lost or copied"));
            skipped++;
        }
        nextRecord = first + count;
        long anchorTime = b.getLong(JournalRecordDescriptor.ANCHOR_TIME_OFFSET);
        long anchorSeq = b.getLong(JournalRecordDescriptor.ANCHOR_SEQ_OFFSET);
        int at = JournalRecordDescriptor.HEADER_LENGTH;
        int seen = 0;
        while (at < length) {
            final String bad = JournalRecordDescriptor.validateRecord(b, at, length - at);
            if (bad != null) {
                problems.add(corrupt("invalid record " + seen + " of " + count + ": " + bad + "; the rest of the "
                    + "document is skipped", where(queue, index, at), "the documents after it are read normally"));
                skipped++;
                return;
            }
            final JournalRecord r = JournalRecord.decode(b, at, queue, index, docNode, anchorTime, anchorSeq);
            if (JournalRecord.isAnchor(b, at)) {
                anchorTime = r.timeNs();
                anchorSeq = JournalRecordDescriptor.anchorSeqAfter(anchorSeq, r.elementSeq());
            }
            if (r.op() == BufferOps.FLOW_END) {
                flowEnd = true;
            }
            records++;
            seen++;
            handler.onRecord(r);
            at += JournalRecordDescriptor.recordLength(b.getLong(at));
        }
        if (seen != count) {
            problems.add(corrupt("the document holds " + seen + " record(s), its header says " + count,
                where(queue, index, -1), "the records found were read"));
            skipped++;
        }
    }

    private void ensureCapacity(final int n) {
        if (documentBytes.length < n) {
            documentBytes = new byte[Math.max(n, documentBytes.length * 2)];
            document = ByteBuffer.wrap(documentBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        document.clear();
    }

    /**
     * True when a queue data file was cut short: Chronicle grows a file a block at a time and keeps a quarter block of
     * overlap after the last one, so an intact file is {@code k × block + block / 4} long (with the block size
     * unknown: a whole number of pages).
     */
    private static boolean hasShortFile(final Path queueDir, final long blockSize) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.anyMatch(p -> p.toString().endsWith(".cq4") && isShort(size(p), blockSize));
        }
    }

    private static boolean isShort(final long size, final long blockSize) {
        if (blockSize > 0) {
            return size < blockSize || size % blockSize != blockSize / 4;
        }
        return size % PAGE != 0;
    }

    /**
     * A copy of the queue whose cut-short data files are extended with zeros (sparse, so cheap): Chronicle then sees
     * an unfinished tail instead of mapping past the end of the file, which would fault.
     */
    private static Path paddedCopy(final Path queueDir) throws IOException {
        final Path copy = Files.createTempDirectory("torvyn-journal-read");
        try (Stream<Path> files = Files.list(queueDir)) {
            for (final Path f : (Iterable<Path>) files::iterator) {
                final Path target = copy.resolve(f.getFileName());
                Files.copy(f, target);
                if (f.toString().endsWith(".cq4")) {
                    try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
                        raf.setLength(((raf.length() + PAD_TO - 1) / PAD_TO + 1) * PAD_TO);
                    }
                }
            }
        }
        return copy;
    }

    private static long size(final Path p) {
        try {
            return Files.size(p);
        } catch (final IOException e) {
            return 0;
        }
    }

    private String where(final String queue, final long index, final int byteOffset) {
        final StringBuilder sb = new StringBuilder("journal ").append(directory).append(", queue ").append(queue);
        if (index >= 0) {
            sb.append(", index ").append(hex(index));
        }
        if (byteOffset >= 0) {
            sb.append(" (record at byte ").append(byteOffset).append(')');
        }
        return sb.toString();
    }

    private static String hex(final long index) {
        return String.format(Locale.ROOT, "0x%x", index);
    }

    private static Problem corrupt(final String message, final String where, final String help) {
        return new Problem(ErrorCode.E0600, message, where, help);
    }

    private static String firstLine(final Throwable e) {
        final String m = String.valueOf(e.getMessage());
        final int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    private static RunInfo headerlessInfo(final Path dir) {
        return new RunInfo(RunInfo.SCHEMA, RunInfo.FORMAT, JournalRecordDescriptor.VERSION, null,
            dir.getFileName().toString(), null, 0, null, -1, List.of(), List.of(), List.of(), List.of(), 0, null);
    }

    private static void deleteTree(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException | RuntimeException ignored) {
            // a temporary copy left behind is harmless
        }
    }
}
