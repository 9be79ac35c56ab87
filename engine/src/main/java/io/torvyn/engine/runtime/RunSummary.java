package io.torvyn.engine.runtime;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.ring.StreamStats;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.stage.Stage;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.TopologyNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of `torvyn run`'s summary (and its JSON): what was delivered, what it cost, what went wrong. Computed
 * from the single-writer counters of stages, streams and buffer clients; exact once the run has finished.
 *
 * @param flow               flow name
 * @param durationNs         start to finish
 * @param elements           elements delivered to sinks
 * @param bytes              payload bytes written by sources
 * @param errors             component errors counted by the error policy
 * @param dropped            elements dropped (by filters, drop policies, or after a failure)
 * @param copies             payload copies, all reasons
 * @param copyBytes          bytes copied
 * @param backpressureEvents activations over all streams
 * @param peakMemoryBytes    off-heap pools (including fallback peak) + Wasm memories + JVM heap peak
 * @param poolBytes          off-heap pool share of the peak
 * @param wasmBytes          Wasm linear memories' share (the sum of each node's peak)
 * @param heapBytes          JVM heap share of the peak
 * @param outcome            the failure or stop condition, null for a clean finish
 * @param exitCode           what the CLI exits with
 * @param nodes              per node
 * @param streams            per stream
 * @param tiers              per pool tier
 * @param poolsFull          every pooled buffer is back in its tier and no fallback buffer is live
 * @param warnings           things the user should know (e.g. a wait strategy that was changed)
 */
public record RunSummary(String flow, long durationNs, long elements, long bytes, long errors, long dropped,
                         long copies, long copyBytes, long backpressureEvents, long peakMemoryBytes, long poolBytes,
                         long wasmBytes, long heapBytes, Problem outcome, int exitCode, List<NodeSummary> nodes,
                         List<StreamSummary> streams, List<TierSummary> tiers, boolean poolsFull,
                         List<String> warnings) {

    /** One node's figures. */
    public record NodeSummary(String node, Role role, long invocations, long elementsIn, long elementsOut,
                              long errors, long dropped, long copies, long copyBytes, long reads, long writes,
                              long clones, long fuel, long leaked) {
    }

    /** One stream's figures. */
    public record StreamSummary(String stream, long transferred, long peakDepth, int capacity,
                                long backpressureEvents, long backpressureNs, long dropped) {
    }

    /** One tier's figures. */
    public record TierSummary(String tier, int bufferSize, int capacity, int available, long allocated,
                              long returned, long fallback, long exhaustionEvents) {

        /** Allocations served from the pool rather than by fallback, as a fraction ({@code allocated} is pooled only). */
        public double reuseRate() {
            final long total = allocated + fallback;
            return total == 0 ? 1.0 : (double) allocated / total;
        }
    }

    public double elementsPerSecond() {
        return durationNs <= 0 ? 0 : elements * 1e9 / durationNs;
    }

    public double durationSeconds() {
        return durationNs / 1e9;
    }

    static RunSummary of(final FlowRun run) {
        final long now = System.nanoTime();
        final BufferPool pool = run.pool();
        final List<NodeSummary> nodes = new ArrayList<>();
        long elements = 0;
        long bytes = 0;
        long errors = 0;
        long dropped = 0;
        long copies = 0;
        long copyBytes = 0;
        long wasm = 0;
        final List<TopologyNode> topo = run.topology().nodes();
        for (final Stage s : run.stages()) {
            final NodeStats st = s.stats();
            final BufferClient c = s.client();
            final Role role = topo.get(s.index()).role();
            if (role == Role.SINK) {
                elements += st.elementsIn() - st.dropped();
            }
            if (role == Role.SOURCE) {
                bytes += c.copiedBytes(CopyReason.PAYLOAD_WRITE);
            }
            errors += st.errors();
            dropped += st.dropped();
            wasm += st.memoryPeak();
            copies += c.copies();
            copyBytes += c.copiedBytes();
            nodes.add(new NodeSummary(s.name(), role, st.invocations(), st.elementsIn(), st.elementsOut(),
                st.errors(), st.dropped(), c.copies(), c.copiedBytes(), c.copies(CopyReason.PAYLOAD_READ),
                c.copies(CopyReason.PAYLOAD_WRITE), c.copies(CopyReason.HOST_CLONE), st.fuelConsumed(),
                st.leaked() + c.leaked()));
        }
        final List<StreamSummary> streams = new ArrayList<>();
        long bpEvents = 0;
        for (final Stream s : run.streams()) {
            final StreamStats st = s.stats();
            bpEvents += st.backpressureEvents();
            dropped += st.dropped();
            streams.add(new StreamSummary(s.label(), st.transferred(), st.peakDepth(), s.capacity(),
                st.backpressureEvents(), st.backpressureNs(now), st.dropped()));
        }
        final List<TierSummary> tiers = new ArrayList<>();
        for (int t = 0; t < pool.tierCount(); t++) {
            long allocated = 0;
            long returned = 0;
            long fallback = 0;
            long exhausted = 0;
            for (final Stage s : run.stages()) {
                final BufferClient c = s.client();
                allocated += c.allocated(t);
                returned += c.returned(t);
                fallback += c.fallbacks(t);
                exhausted += c.exhaustionEvents(t);
            }
            tiers.add(new TierSummary(pool.tierName(t), pool.bufferSize(t), pool.capacity(t), pool.available(t),
                allocated, returned, fallback, exhausted));
        }
        final long poolBytes = pool.offHeapBytes() + pool.fallbackBytesPeak();
        final long heap = run.peakHeapBytes();
        final Problem outcome = run.outcome();
        final int exit = outcome == null ? 0 : outcome.code().exitCode();
        return new RunSummary(run.topology().flowName(), run.elapsedNs(), elements, bytes, errors, dropped, copies,
            copyBytes, bpEvents, poolBytes + wasm + heap, poolBytes, wasm, heap, outcome, exit, nodes, streams, tiers,
            pool.allReturned(), run.warnings());
    }
}
