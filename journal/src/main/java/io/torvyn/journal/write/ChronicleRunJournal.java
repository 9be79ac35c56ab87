package io.torvyn.journal.write;

import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.BufferRecorder;
import io.torvyn.engine.builtin.FileSource;
import io.torvyn.engine.builtin.GeneratorSource;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.config.ComponentDecl;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.Topology;
import io.torvyn.engine.topology.TopologyEdge;
import io.torvyn.engine.topology.TopologyNode;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecordDescriptor;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Chronicle Queue journal of one run: {@code <journal.path>/<flow>-<UTC timestamp>/} with {@code run.json} and
 * one queue per node plus a flow queue under {@code queues/}.
 *
 * <h2>Threads, rings and queues</h2>
 * <pre>
 *   stage thread(s)                      journal thread (one per run)                 files
 *   node 0 ─ JournalRecorder ─▶ ring 0 ─┐
 *   node 1 ─ JournalRecorder ─▶ ring 1 ─┼─▶ header + CRC32C ─▶ one document per batch ─▶ queues/node-0, node-1, …
 *   node 2 ─ JournalRecorder ─▶ ring 2 ─┘   flow-start / flow-end ─────────────────▶ queues/flow
 * </pre>
 * Every node's buffer client has its own {@link JournalRecorder} writing fixed binary records (16 bytes for nearly
 * every operation) into its own bounded off-heap {@link RecordRing}: single producer (the node's stage thread), no
 * allocation, no lock, no file I/O on the data path. One {@link JournalThread}, created by {@link TorvynThreads}, drains every ring into that node's queue, so
 * each queue has exactly one writer and a node's records stay in the order the node made them; it copies whole ranges
 * of records and checksums each document once. A full ring makes the stage wait (journal backpressure) rather than
 * lose a record.
 *
 * <p>Queues per node, not per thread: in shared mode one worker runs several stages, and readers want each node's
 * operations as one ordered stream; the journal thread is the only appender either way.
 */
public final class ChronicleRunJournal implements RunJournal {
    private static final long READY_TIMEOUT_MS = 10_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final TorvynConfig config;
    private final Topology topology;
    private final BufferPool pool;
    private final RunOptions runOptions;
    private final JournalOptions options;
    private final JournalLevel level;
    private final ChronicleQueue flowQueue;
    private final ChronicleQueue[] queues;
    private final RecordRing[] rings;
    private final Long[] seeds;
    private final Instant created = Instant.now();

    private RunInfo header;
    private JournalThread drainer;
    private Thread thread;
    private boolean started;
    private boolean finished;
    private boolean closed;

    private ChronicleRunJournal(final Path directory, final TorvynConfig config, final Topology topology,
                                final BufferPool pool, final RunOptions runOptions, final JournalOptions options) {
        this.directory = directory;
        this.config = config;
        this.topology = topology;
        this.pool = pool;
        this.runOptions = runOptions;
        this.options = options;
        this.level = config.journal().level();
        final int n = topology.nodes().size();
        this.queues = new ChronicleQueue[n];
        this.rings = new RecordRing[n];
        this.seeds = new Long[n];
        this.flowQueue = queue(RunInfo.FLOW_QUEUE);
        try {
            for (final TopologyNode node : topology.nodes()) {
                queues[node.index()] = queue(queueName(node.index()));
            }
        } catch (final RuntimeException e) {
            closeQueues();
            throw e;
        }
    }

    /**
     * Creates the run's directory and queues (set-up time: this is where file-system trouble surfaces).
     *
     * @throws TorvynException E0020 when the directory or a queue cannot be created
     */
    public static ChronicleRunJournal open(final TorvynConfig config, final Topology topology, final BufferPool pool,
                                           final RunOptions runOptions, final JournalOptions options) {
        final Path parent = options.parent() != null ? options.parent() : config.journal().path();
        Path dir = null;
        try {
            Files.createDirectories(parent);
            dir = uniqueDirectory(parent, topology.flowName() + "-" + STAMP.format(Instant.now()));
            return new ChronicleRunJournal(dir, config, topology, pool, runOptions, options);
        } catch (final IOException | RuntimeException e) {
            if (dir != null) {
                deleteTree(dir);
            }
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot create the journal: " + e.getMessage(),
                "journal path " + (dir == null ? parent : dir),
                "check that `[journal] path` is a writable directory with free space, or set `[journal] level = "
                    + "\"off\"`"), e);
        }
    }

    /** The name of node {@code index}'s queue directory under {@code queues/}. */
    public static String queueName(final int index) {
        return "node-" + index;
    }

    private static Path uniqueDirectory(final Path parent, final String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            final Path candidate = parent.resolve(attempt == 1 ? name : name + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (final java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }

    private ChronicleQueue queue(final String name) {
        return SingleChronicleQueueBuilder.binary(directory.resolve(RunInfo.QUEUES_DIR).resolve(name))
            .blockSize(options.blockSize())
            .build();
    }

    @Override
    public BufferRecorder recorderFor(final TopologyNode node, final Component component) {
        final RecordRing ring = new RecordRing(options.ringBytes());
        rings[node.index()] = ring;
        if (component instanceof GeneratorSource g) {
            seeds[node.index()] = g.seed();
        }
        return new JournalRecorder(ring, node.index(), options.clocks().clockFor(node.index()), pool,
            level == JournalLevel.PAYLOADS, node.role() == Role.SOURCE,
            component instanceof FileSource fs ? fs : null);
    }

    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        final long startNs = options.clocks().clockFor(JournalRecordDescriptor.FLOW_NODE).getAsLong();
        header = header(startNs);
        try {
            header.write(directory);
        } catch (final IOException e) {
            throw ioFailure("cannot write " + RunInfo.FILE_NAME + ": " + e.getMessage(), e);
        }
        drainer = new JournalThread(rings, queues, flowQueue, startNs, level.ordinal());
        thread = new TorvynThreads(topology.flowName()).named(drainer, "journal");
        started = true;
        thread.start();
        try {
            drainer.awaitReady(READY_TIMEOUT_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void finish(final RunSummary summary) {
        if (!started || finished || closed) {
            return;
        }
        finished = true;
        final long endNs = options.clocks().clockFor(JournalRecordDescriptor.FLOW_NODE).getAsLong();
        drainer.stop(endNs, summary.elements(), summary.copies(), summary.copyBytes(), summary.exitCode());
        joinUninterruptibly(thread, 0);
        closeRings();
        closeQueues();
        closed = true;
        final Throwable failure = drainer.failure();
        final RunInfo.EndInfo end = new RunInfo.EndInfo(Instant.now().toString(), endNs, drainer.records(),
            drainer.bytes(), backpressureEvents(), lost(), summary.elements(), summary.copies(), summary.copyBytes(),
            summary.exitCode(), summary.outcome() == null ? null : summary.outcome().code().name(), contentTypes());
        header = header.withEnd(end);
        try {
            header.write(directory);
        } catch (final IOException e) {
            throw ioFailure("cannot write " + RunInfo.FILE_NAME + ": " + e.getMessage(), e);
        }
        if (failure != null) {
            throw ioFailure("the journal thread failed: " + failure, failure);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeRings();
        if (started) {
            drainer.abort();
            joinUninterruptibly(thread, 10_000);
        }
        closeQueues();
        if (!started) {
            deleteTree(directory);
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public long records() {
        return drainer == null ? 0 : drainer.records();
    }

    @Override
    public long bytes() {
        return drainer == null ? 0 : drainer.bytes();
    }

    @Override
    public long backpressureEvents() {
        long sum = 0;
        for (final RecordRing r : rings) {
            if (r != null) {
                sum += r.backpressureEvents();
            }
        }
        return sum;
    }

    /** Records dropped because the journal stopped before the stages did. */
    public long lost() {
        long sum = 0;
        for (final RecordRing r : rings) {
            if (r != null) {
                sum += r.lost();
            }
        }
        return sum;
    }

    /** The header as written so far (null before {@link #start()}). */
    public synchronized RunInfo header() {
        return header;
    }

    private TorvynException ioFailure(final String message, final Throwable cause) {
        return new TorvynException(new Problem(ErrorCode.E0020, message, "journal " + directory,
            "check free space and permissions of `[journal] path`"), cause);
    }

    private RunInfo header(final long startNs) {
        final List<RunInfo.NodeInfo> nodes = new ArrayList<>();
        for (final TopologyNode n : topology.nodes()) {
            final NodeConfig nc = n.config();
            nodes.add(new RunInfo.NodeInfo(n.index(), n.name(), n.role().key(), nc.component(), nc.config(),
                queueName(n.index()), moduleHash(nc), seeds[n.index()]));
        }
        final List<RunInfo.StreamInfo> streams = new ArrayList<>();
        for (final TopologyEdge e : topology.edges()) {
            streams.add(new RunInfo.StreamInfo(e.index(), e.label(), e.fromNode(), e.fromPort(), e.toNode(),
                e.queueDepth(), e.backpressure().name().toLowerCase().replace('_', '-')));
        }
        final List<RunInfo.TierInfo> tiers = new ArrayList<>();
        for (int t = 0; t < pool.tierCount(); t++) {
            tiers.add(new RunInfo.TierInfo(t, pool.tierName(t), pool.bufferSize(t), pool.capacity(t)));
        }
        final List<String> queueNames = new ArrayList<>();
        queueNames.add(RunInfo.FLOW_QUEUE);
        for (final TopologyNode n : topology.nodes()) {
            queueNames.add(queueName(n.index()));
        }
        return new RunInfo(RunInfo.SCHEMA, RunInfo.FORMAT, JournalRecordDescriptor.VERSION, level.key(),
            topology.flowName(), created.toString(), startNs, configInfo(), runOptions == null ? -1
            : runOptions.limit(), nodes, streams, tiers, queueNames, options.blockSize(), null);
    }

    private RunInfo.ConfigInfo configInfo() {
        final Path file = config.file();
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            final byte[] bytes = Files.readAllBytes(file);
            return new RunInfo.ConfigInfo(file.toAbsolutePath().normalize().toString(), sha256(bytes),
                new String(bytes, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            return new RunInfo.ConfigInfo(file.toAbsolutePath().normalize().toString(), null, null);
        }
    }

    private String moduleHash(final NodeConfig node) {
        Path module = null;
        final String component = node.component();
        if (component.startsWith("file:")) {
            final Path p = Path.of(component.substring("file:".length()));
            module = p.isAbsolute() || config.baseDir() == null ? p : config.baseDir().resolve(p);
        } else if (!node.isBuiltin()) {
            final ComponentDecl decl = config.component(component);
            module = decl == null ? null : decl.path();
        }
        if (module == null || !Files.isRegularFile(module)) {
            return null;
        }
        try {
            return sha256(Files.readAllBytes(module));
        } catch (final IOException e) {
            return null;
        }
    }

    private Map<String, String> contentTypes() {
        final Map<String, String> types = new TreeMap<>();
        for (int id = 1; id < pool.contentTypes().size(); id++) {
            if (pool.contentTypes().isKnown(id)) {
                types.put(Integer.toString(id), pool.contentTypes().name(id));
            }
        }
        return types;
    }

    private void closeRings() {
        for (final RecordRing r : rings) {
            if (r != null) {
                r.close();
            }
        }
    }

    private void closeQueues() {
        closeQuietly(flowQueue);
        for (final ChronicleQueue q : queues) {
            closeQuietly(q);
        }
    }

    private static void closeQuietly(final ChronicleQueue q) {
        if (q != null && !q.isClosed()) {
            try {
                q.close();
            } catch (final RuntimeException ignored) {
                // the mapped data is already in the file
            }
        }
    }

    /** SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void joinUninterruptibly(final Thread t, final long millis) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join(millis);
                if (millis > 0) {
                    break;
                }
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException | RuntimeException ignored) {
            // a leftover empty journal directory is harmless
        }
    }
}
