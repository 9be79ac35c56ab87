package io.torvyn.engine.runtime;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.BufferRecorder;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.component.SinkComponent;
import io.torvyn.engine.component.SourceComponent;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.ObservabilityLevel;
import io.torvyn.engine.config.RuntimeConfig;
import io.torvyn.engine.config.StagePlacement;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.journal.RunJournalFactory;
import io.torvyn.engine.journal.RunJournals;
import io.torvyn.engine.metrics.PrometheusExporter;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.schedule.CorePlacement;
import io.torvyn.engine.schedule.HostCpus;
import io.torvyn.engine.schedule.IdleStrategies;
import io.torvyn.engine.schedule.IdleStrategy;
import io.torvyn.engine.schedule.LayoutBalancer;
import io.torvyn.engine.schedule.PeerActivity;
import io.torvyn.engine.schedule.LayoutPlan;
import io.torvyn.engine.schedule.LayoutPlanner;
import io.torvyn.engine.schedule.StageBoard;
import io.torvyn.engine.schedule.ThreadPins;
import io.torvyn.engine.schedule.ThreadPlacement;
import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.schedule.Worker;
import io.torvyn.engine.stage.FlowControl;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.stage.SinkStage;
import io.torvyn.engine.stage.SourceStage;
import io.torvyn.engine.stage.Stage;
import io.torvyn.engine.stage.StageSpec;
import io.torvyn.engine.stage.TransformStage;
import io.torvyn.engine.topology.Topology;
import io.torvyn.engine.topology.TopologyEdge;
import io.torvyn.engine.topology.TopologyNode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of one flow: the pool, one {@link Stream} per edge, one {@link Stage} per node and the threads that drive
 * them. Built from a validated topology; {@link #start()} launches it, {@link #await(long)} waits for it to drain,
 * {@link #cancel()} / a deadline / a failure make every source end its streams so the flow drains instead of
 * stopping dead, and no buffer is lost.
 *
 * <p>When `[journal] level` is not off, the run opens a {@link RunJournal} before building its stages, gives every
 * node's buffer client that journal's recorder, starts it before the stage threads and finishes it (flow-end, drain,
 * close) as soon as every stage has ended. With the journal off, clients get {@link BufferRecorder#NONE}.
 */
public final class FlowRun {
    private static final long DRAIN_GRACE_NS = 10_000_000_000L;
    private static final long PIN_WAIT_MS = 5_000;

    private final TorvynConfig config;
    private final Topology topology;
    private final RunOptions options;
    private final BufferPool pool;
    private final FlowControl flow;
    private final Stream[] streams;
    private final Stage[] stages;
    private final Component[] components;
    private final RunJournal journal;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final LayoutPlan layout;
    /** CPUs this process may run on: with no more workers than this, idle workers stay awake while one is busy. */
    private final int cpusForWorkers;
    private CorePlacement.Reservation reservation;
    private final AutoCloseable resources;
    private boolean resourcesClosed;

    private PrometheusExporter exporter;
    private LayoutBalancer balancer;
    private StageBoard board;
    private long startNs;
    private long endNs;
    private long peakHeap;
    private boolean finished;

    public FlowRun(final TorvynConfig config, final Topology topology, final ComponentFactory factory,
                   final RunOptions options) {
        this(config, topology, factory, options, null, RunJournals.discovered());
    }

    /**
     * @param resources closed with the run, after every stage has ended and before the pool is freed (the run's Wasm
     *                  engines), or null
     */
    public FlowRun(final TorvynConfig config, final Topology topology, final ComponentFactory factory,
                   final RunOptions options, final AutoCloseable resources) {
        this(config, topology, factory, options, resources, RunJournals.discovered());
    }

    /**
     * A run whose journal (when `[journal] level` is not off) comes from {@code journals}, and whose
     * {@code resources} (the Wasm engines) are closed with it, after every stage has ended.
     */
    public FlowRun(final TorvynConfig config, final Topology topology, final ComponentFactory factory,
                   final RunOptions options, final AutoCloseable resources, final RunJournalFactory journals) {
        this.config = config;
        this.resources = resources;
        this.topology = topology;
        this.options = options;
        final RuntimeConfig rt = config.runtime();
        try {
            final HostCpus host = HostCpus.detect();
            this.layout = plan(topology, rt, host);
            this.cpusForWorkers = host.allowed().isEmpty() ? host.available() : host.allowed().size();
        } catch (final RuntimeException e) {
            closeResources();
            throw e;
        }
        this.flow = new FlowControl(options.limit());
        this.pool = new BufferPool(rt.pools());
        final List<TopologyEdge> edges = topology.edges();
        this.streams = new Stream[edges.size()];
        for (final TopologyEdge e : edges) {
            streams[e.index()] = new Stream(e.index(), e.label(), e.queueDepth(), e.backpressure(),
                rt.backpressure().lowWatermarkRatio());
        }
        final List<TopologyNode> nodes = topology.nodes();
        this.stages = new Stage[nodes.size()];
        this.components = new Component[nodes.size()];
        RunJournal opened = null;
        try {
            if (config.journal() != null && config.journal().level() != JournalLevel.OFF) {
                opened = journals.open(config, topology, pool, options);
                if (opened == null) {
                    warnings.add("journal level `" + config.journal().level().key() + "` asked for, but no journal "
                        + "implementation is on the class path: this run is not recorded");
                }
            }
            this.journal = opened;
            for (final TopologyNode node : nodes) {
                components[node.index()] = factory.create(config, node);
                stages[node.index()] = stageFor(node, components[node.index()]);
            }
        } catch (final RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            closeResources();
            pool.close();
            throw e;
        }
    }

    private Stage stageFor(final TopologyNode node, final Component component) {
        final RuntimeConfig rt = config.runtime();
        final BufferRecorder recorder = journal == null ? BufferRecorder.NONE : journal.recorderFor(node, component);
        final BufferClient client = pool.newClient(node.index(), node.name(), node.config().maxOwnedBytes(),
            recorder);
        final NodeStats stats = new NodeStats(node.name());
        final ComponentContext ctx = new ComponentContext(config, node.config(), node.index(), pool, client,
            pool.contentTypes(), flow.sequences(), rt.scheduling().yieldQuantumNs(), stats);
        final Stream[] inputs = new Stream[node.inputEdges().length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = streams[node.inputEdges()[i]];
        }
        final int[][] byPort = node.outputEdgesByPort();
        final Stream[][] outputs = new Stream[byPort.length][];
        for (int p = 0; p < byPort.length; p++) {
            outputs[p] = new Stream[byPort[p].length];
            for (int i = 0; i < byPort[p].length; i++) {
                outputs[p][i] = streams[byPort[p][i]];
            }
        }
        final boolean timed = config.observability().level() != ObservabilityLevel.OFF;
        final StageSpec spec = new StageSpec(node.name(), node.index(), node.role(), ctx, stats, flow, inputs,
            outputs, rt.scheduling().yieldBatch(), rt.scheduling().yieldQuantumNs(), rt.scheduling().batchSize(),
            timed);
        switch (node.role()) {
            case SOURCE:
                return new SourceStage(spec, (SourceComponent) component);
            case SINK:
                return new SinkStage(spec, (SinkComponent) component, rt.errorPolicy());
            default:
                return new TransformStage(spec, (TransformComponent) component, rt.errorPolicy());
        }
    }

    /** The worker the layout plans for each stage, in topological order. */
    private int[] plannedWorkers() {
        final List<TopologyNode> nodes = topology.nodes();
        final int[] planned = new int[nodes.size()];
        for (int i = 0; i < planned.length; i++) {
            planned[i] = layout.threads().indexOf(layout.threadOf(nodes.get(i).name()));
        }
        return planned;
    }

    /**
     * The stages in topological order on their workers. An unpinned `shared` flow on several workers is movable (when
     * the run's options allow a balancer): it starts with every stage on worker 0 and its {@link LayoutBalancer}
     * moves it to the planned slices when they measure faster. Otherwise each stage stays on its planned worker.
     */
    private StageBoard board(final Map<String, Stage> byName, final int[] planned) {
        final List<TopologyNode> nodes = topology.nodes();
        final Stage[] ordered = new Stage[nodes.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = byName.get(nodes.get(i).name());
        }
        final boolean movable = options.balancer() != null
            && config.runtime().scheduling().placement() == StagePlacement.MEASURED
            && layout.mode() == ExecutionMode.SHARED && !layout.pinned() && layout.threads().size() > 1
            && ordered.length > 1;
        return new StageBoard(ordered, movable ? LayoutBalancer.colocatedStart(ordered.length) : planned,
            layout.threads().size(), movable);
    }

    /** Elements taken in and put out by all stages so far: grows with the flow's throughput (read racily). */
    private long elementsMoved() {
        long sum = 0;
        for (final Stage s : stages) {
            sum += s.stats().elementsIn() + s.stats().elementsOut();
        }
        return sum;
    }

    /** The layout balancer of this run, or null when its stages stay where {@link #layout()} put them. */
    public LayoutBalancer balancer() {
        return balancer;
    }

    /** One line on where the balancer left the stages, or null when the run has none. */
    public String placementNote() {
        final LayoutBalancer b = balancer;
        if (b == null) {
            return null;
        }
        final String planned = layout.threads().stream().map(t -> t.name() + ": " + String.join(", ", t.stages()))
            .collect(Collectors.joining(" · "));
        if (b.probes() == 0) {
            return "stage placement: every stage on " + layout.threads().get(0).name()
                + " (the run ended before the first probe of the planned slices " + planned + ")";
        }
        final String rates = String.format(Locale.ROOT, "%d %s; last: %.1f M element moves/s on one worker, %.1f M/s "
            + "on the slices", b.probes(), b.probes() == 1 ? "probe" : "probes", b.lastColocatedRate() / 1e6,
            b.lastPlannedRate() / 1e6);
        return b.colocated()
            ? "stage placement: every stage on " + layout.threads().get(0).name() + " (" + rates + ")"
            : "stage placement: the planned slices " + planned + " (" + rates + ")";
    }

    /** Where this run's threads go; a CPU id the machine lacks fails here (E0702), before anything is allocated. */
    private static LayoutPlan plan(final Topology topology, final RuntimeConfig rt, final HostCpus host) {
        final List<String> names = new ArrayList<>();
        for (final TopologyNode n : topology.nodes()) {
            names.add(n.name());
        }
        return LayoutPlanner.plan(names, rt, host);
    }

    /** Launches the engine threads as {@link #layout()} places them, pinned ones on their CPUs before any work. */
    public void start() {
        final TorvynThreads threadFactory = new TorvynThreads(topology.flowName(), options.threadFactory());
        warnings.addAll(layout.warnings());
        if (layout.pinned() && !CorePlacement.supported()) {
            warnings.add("cpu_affinity is set but thread affinity is not supported on this platform: threads run "
                + "unpinned");
        }
        final Map<String, Stage> byName = new HashMap<>();
        for (final Stage s : stages) {
            byName.put(s.name(), s);
        }
        int pinned = 0;
        for (final ThreadPlacement t : layout.threads()) {
            pinned += t.pinned() ? 1 : 0;
        }
        final ThreadPins pins = new ThreadPins(layout.pinned() && CorePlacement.supported() ? pinned : 0);
        reservation = CorePlacement.reserve(layout);
        final String prometheus = config.observability().prometheus();
        if (prometheus != null && !"off".equals(prometheus)) {
            try {
                exporter = PrometheusExporter.start(prometheus, this::summary, r -> threadFactory.named(r, "metrics"));
            } catch (final RuntimeException e) {
                releaseCores();
                throw e;
            }
        }
        final PeerActivity peers = layout.threads().size() <= cpusForWorkers ? new PeerActivity() : null;
        final int[] planned = plannedWorkers();
        board = board(byName, planned);
        for (int w = 0; w < layout.threads().size(); w++) {
            final ThreadPlacement t = layout.threads().get(w);
            final IdleStrategy idle = IdleStrategies.create(t.waitStrategy(), peers);
            if (peers != null) {
                peers.workerStarted();
            }
            final Worker worker = new Worker(t.name(), w, board, idle, flow, peers);
            workers.add(worker);
            threads.add(layout.pinned() && CorePlacement.supported() ? threadFactory.placed(worker, t, pins)
                : threadFactory.named(worker, t.name()));
        }
        if (board.movable()) {
            balancer = new LayoutBalancer(board, planned, this::elementsMoved, flow::stopRequested,
                options.balancer(), LayoutBalancer.REAL_TIME);
        }
        if (journal != null) {
            journal.start();
        }
        startNs = System.nanoTime();
        for (final Thread t : threads) {
            t.start();
        }
        if (balancer != null) {
            threadFactory.named(balancer, "balancer").start();
        }
        try {
            warnings.addAll(pins.await(PIN_WAIT_MS));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until every stage has finished, or {@code waitNs} passes (0 = forever). Applies `--timeout`: when it
     * elapses the flow is stopped, drained and fails with E0400. Returns true when the flow has finished.
     */
    public boolean await(final long waitNs) throws InterruptedException {
        final long deadline = waitNs > 0 ? System.nanoTime() + waitNs : Long.MAX_VALUE;
        long stopSeenAt = 0;
        while (true) {
            boolean alive = false;
            for (final Thread t : threads) {
                if (t.isAlive()) {
                    alive = true;
                    break;
                }
            }
            sampleHeap();
            final long now = System.nanoTime();
            if (!alive) {
                finish(now);
                return true;
            }
            if (options.timeoutNs() > 0 && now - startNs > options.timeoutNs() && !flow.stopRequested()) {
                flow.requestStop(FlowControl.StopReason.DEADLINE);
            }
            if (flow.stopRequested()) {
                if (stopSeenAt == 0) {
                    stopSeenAt = now;
                } else if (now - stopSeenAt > DRAIN_GRACE_NS) {
                    warnings.add("flow did not drain within " + DRAIN_GRACE_NS / 1_000_000_000L
                        + "s of the stop request; abandoning stuck stages");
                    finish(now);
                    return true;
                }
            }
            if (now >= deadline) {
                return false;
            }
            final Thread first = firstAlive();
            if (first != null) {
                first.join(Math.max(1, Math.min(50, (deadline - now) / 1_000_000)));
            }
        }
    }

    private Thread firstAlive() {
        for (final Thread t : threads) {
            if (t.isAlive()) {
                return t;
            }
        }
        return null;
    }

    private void finish(final long now) {
        if (!finished) {
            finished = true;
            if (board != null) {
                board.abandon();
            }
            endNs = now;
            releaseCores();
            finishJournal();
        }
    }

    private void finishJournal() {
        if (journal == null) {
            return;
        }
        try {
            journal.finish(summary());
        } catch (final TorvynException e) {
            warnings.add("the journal could not be completed: " + e.problem().message());
        }
    }

    /** Asks the sources to stop; the flow drains and ends (Ctrl-C). */
    public void cancel() {
        flow.requestStop(FlowControl.StopReason.CANCELLED);
    }

    /** Runs start-to-finish on the calling thread's clock and returns the summary. */
    public RunSummary runToCompletion() throws InterruptedException {
        start();
        await(0);
        return summary();
    }

    private void sampleHeap() {
        final long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakHeap) {
            peakHeap = used;
        }
    }

    /**
     * Closes the journal and the run's resources (Wasm engines) and frees the pool's native memory (the pool only once
     * every stage thread has ended).
     */
    public void close() {
        releaseCores();
        if (journal != null) {
            journal.close();
        }
        if (exporter != null) {
            exporter.close();
            exporter = null;
        }
        boolean alive = false;
        for (final Thread t : threads) {
            alive |= t.isAlive();
        }
        if (!alive) {
            closeResources();
            pool.close();
        }
    }

    private void releaseCores() {
        if (reservation != null) {
            reservation.close();
        }
    }

    /** Where this run's threads go: the plan decided from `[runtime]` and this machine before the run started. */
    public LayoutPlan layout() {
        return layout;
    }

    private void closeResources() {
        if (resources == null || resourcesClosed) {
            return;
        }
        resourcesClosed = true;
        try {
            resources.close();
        } catch (final Exception e) {
            warnings.add("closing the run's resources failed: " + e);
        }
    }

    public TorvynConfig config() {
        return config;
    }

    public Topology topology() {
        return topology;
    }

    public BufferPool pool() {
        return pool;
    }

    /** This run's journal, or null when it is not recorded. */
    public RunJournal journal() {
        return journal;
    }

    public FlowControl control() {
        return flow;
    }

    public List<Stage> stages() {
        return List.of(stages);
    }

    public List<Stream> streams() {
        return List.of(streams);
    }

    public List<Worker> workers() {
        return Collections.unmodifiableList(workers);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The component running node {@code name} (tests read a `builtin:collect` this way). */
    /** The port the Prometheus endpoint listens on, or -1 when it is off. */
    public int metricsPort() {
        return exporter == null ? -1 : exporter.port();
    }

    public Component component(final String name) {
        for (final TopologyNode n : topology.nodes()) {
            if (n.name().equals(name)) {
                return components[n.index()];
            }
        }
        return null;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Nanoseconds since start (or the run's total duration once finished). */
    public long elapsedNs() {
        return (finished ? endNs : System.nanoTime()) - startNs;
    }

    public long peakHeapBytes() {
        sampleHeap();
        return peakHeap;
    }

    /** The figures of the run summary, valid at any time (live) and exact once {@link #isFinished()}. */
    public RunSummary summary() {
        return RunSummary.of(this);
    }

    /** The failure or stop condition the run ended with, or null for a clean finish. */
    public Problem outcome() {
        final TorvynException failure = flow.failure();
        if (failure != null) {
            return failure.problem();
        }
        switch (flow.stopReason()) {
            case DEADLINE:
                return new Problem(ErrorCode.E0400, "the flow did not finish within --timeout", "flow "
                    + topology.flowName(), "raise --timeout, or use --limit to bound the run");
            case CANCELLED:
                return new Problem(ErrorCode.E0402, "interrupted; the flow was drained", "flow "
                    + topology.flowName(), "");
            default:
                return null;
        }
    }
}
