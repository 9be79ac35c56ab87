package io.torvyn.engine.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.ContentTypes;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.stage.NodeStats;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything a component may touch, handed to it by its stage: the buffer pool with the node's own
 * {@link BufferClient} (so every allocation and copy is accounted to this node), its config, flow-wide element
 * sequence numbers, the node's counters (fuel, leaks) and a way to pause without blocking a worker thread. One per
 * stage; used by that stage's thread.
 */
public final class ComponentContext {
    private final TorvynConfig config;
    private final NodeConfig node;
    private final int nodeIndex;
    private final BufferPool pool;
    private final BufferClient client;
    private final ContentTypes contentTypes;
    private final AtomicLong flowSequences;
    private final long yieldQuantumNs;
    private final NodeStats stats;
    private long pausedUntilNs;

    public ComponentContext(final TorvynConfig config, final NodeConfig node, final int nodeIndex,
                            final BufferPool pool, final BufferClient client, final ContentTypes contentTypes,
                            final AtomicLong flowSequences, final long yieldQuantumNs) {
        this(config, node, nodeIndex, pool, client, contentTypes, flowSequences, yieldQuantumNs,
            new NodeStats(node.name()));
    }

    /** @param stats the node's counters, shared with its stage (a component adds fuel and reclaimed leaks) */
    public ComponentContext(final TorvynConfig config, final NodeConfig node, final int nodeIndex,
                            final BufferPool pool, final BufferClient client, final ContentTypes contentTypes,
                            final AtomicLong flowSequences, final long yieldQuantumNs, final NodeStats stats) {
        this.config = config;
        this.node = node;
        this.nodeIndex = nodeIndex;
        this.pool = pool;
        this.client = client;
        this.contentTypes = contentTypes;
        this.flowSequences = flowSequences;
        this.yieldQuantumNs = yieldQuantumNs;
        this.stats = stats;
    }

    public TorvynConfig config() {
        return config;
    }

    public NodeConfig node() {
        return node;
    }

    public String nodeName() {
        return node.name();
    }

    public int nodeIndex() {
        return nodeIndex;
    }

    public BufferPool pool() {
        return pool;
    }

    public BufferClient client() {
        return client;
    }

    public ContentTypes contentTypes() {
        return contentTypes;
    }

    /** The node's counters; written only by the stage's thread. */
    public NodeStats stats() {
        return stats;
    }

    /** Resolves a path from a component's config against the manifest's directory. */
    public Path resolve(final String path) {
        final Path p = Path.of(path);
        return p.isAbsolute() || config.baseDir() == null ? p : config.baseDir().resolve(p);
    }

    /** Reserves {@code n} flow-wide element sequences and returns the first. */
    public long nextSequences(final int n) {
        return flowSequences.getAndAdd(n);
    }

    /** Delivers nothing more to this component until {@code nanoTime}; the worker runs other stages meanwhile. */
    public void pauseUntil(final long nanoTime) {
        pausedUntilNs = nanoTime;
    }

    /** The ABI's "pause" result: one yield quantum. */
    public void pauseOneQuantum() {
        pausedUntilNs = System.nanoTime() + yieldQuantumNs;
    }

    public long pausedUntilNs() {
        return pausedUntilNs;
    }

    public long yieldQuantumNs() {
        return yieldQuantumNs;
    }
}
