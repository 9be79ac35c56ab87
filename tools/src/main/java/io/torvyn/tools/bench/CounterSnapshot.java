package io.torvyn.tools.bench;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.ring.StreamStats;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.schedule.Worker;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.stage.Stage;

import java.util.Arrays;

/**
 * Every counter of one run at one instant: per node (by node index), per stream (by edge index), per pool tier, and
 * the workers' wakeups. Bench takes one at the end of the warm-up and one after the drain; their difference is the
 * measured window. Counters are single-writer fields read while their writers run, so a snapshot taken mid-run may lag
 * its writers by a batch: the boundary is exact to within one batch per stage.
 */
public final class CounterSnapshot {
    private final NodeCounters[] nodes;
    private final StreamCounters[] streams;
    private final TierCounters[] tiers;
    private final long wakeups;

    CounterSnapshot(final NodeCounters[] nodes, final StreamCounters[] streams, final TierCounters[] tiers,
                    final long wakeups) {
        this.nodes = nodes;
        this.streams = streams;
        this.tiers = tiers;
        this.wakeups = wakeups;
    }

    /** The counters of {@code run} now. */
    public static CounterSnapshot take(final FlowRun run) {
        final long now = System.nanoTime();
        final NodeCounters[] nodes = new NodeCounters[run.stages().size()];
        for (final Stage s : run.stages()) {
            final NodeStats st = s.stats();
            final BufferClient c = s.client();
            nodes[s.index()] = new NodeCounters(st.invocations(), st.elementsIn(), st.elementsOut(), st.errors(),
                st.dropped(), st.fuelConsumed(), st.meteredCalls(), c.copies(), c.copiedBytes(),
                c.copiedBytes(CopyReason.PAYLOAD_WRITE));
        }
        final StreamCounters[] streams = new StreamCounters[run.streams().size()];
        for (final Stream s : run.streams()) {
            final StreamStats st = s.stats();
            streams[s.index()] = new StreamCounters(st.transferred(), st.backpressureEvents(),
                st.backpressureNs(now), st.dropped());
        }
        final BufferPool pool = run.pool();
        final TierCounters[] tiers = new TierCounters[pool.tierCount()];
        for (int t = 0; t < tiers.length; t++) {
            long pooled = 0;
            long fallback = 0;
            long exhausted = 0;
            for (final Stage s : run.stages()) {
                final BufferClient c = s.client();
                pooled += c.allocated(t);
                fallback += c.fallbacks(t);
                exhausted += c.exhaustionEvents(t);
            }
            tiers[t] = new TierCounters(pooled, fallback, exhausted);
        }
        long wakeups = 0;
        for (final Worker w : run.workers()) {
            wakeups += w.wakeups();
        }
        return new CounterSnapshot(nodes, streams, tiers, wakeups);
    }

    /** All zeros, shaped like {@code run}: the start of a run that begins inside the measured window. */
    public static CounterSnapshot zero(final FlowRun run) {
        final NodeCounters[] nodes = new NodeCounters[run.stages().size()];
        Arrays.fill(nodes, NodeCounters.ZERO);
        final StreamCounters[] streams = new StreamCounters[run.streams().size()];
        Arrays.fill(streams, StreamCounters.ZERO);
        final TierCounters[] tiers = new TierCounters[run.pool().tierCount()];
        Arrays.fill(tiers, TierCounters.ZERO);
        return new CounterSnapshot(nodes, streams, tiers, 0);
    }

    /** What happened between {@code earlier} and this snapshot. */
    public CounterSnapshot minus(final CounterSnapshot earlier) {
        return combine(earlier, -1);
    }

    /** The sum of two windows (two runs of a flow that ends on its own). */
    public CounterSnapshot plus(final CounterSnapshot other) {
        return combine(other, 1);
    }

    private CounterSnapshot combine(final CounterSnapshot o, final int sign) {
        final NodeCounters[] n = new NodeCounters[nodes.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = sign > 0 ? nodes[i].plus(o.nodes[i]) : nodes[i].minus(o.nodes[i]);
        }
        final StreamCounters[] s = new StreamCounters[streams.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = sign > 0 ? streams[i].plus(o.streams[i]) : streams[i].minus(o.streams[i]);
        }
        final TierCounters[] t = new TierCounters[tiers.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = sign > 0 ? tiers[i].plus(o.tiers[i]) : tiers[i].minus(o.tiers[i]);
        }
        return new CounterSnapshot(n, s, t, wakeups + sign * o.wakeups);
    }

    public NodeCounters node(final int index) {
        return nodes[index];
    }

    public StreamCounters stream(final int index) {
        return streams[index];
    }

    public TierCounters tier(final int index) {
        return tiers[index];
    }

    public int nodeCount() {
        return nodes.length;
    }

    public int streamCount() {
        return streams.length;
    }

    public int tierCount() {
        return tiers.length;
    }

    /** Idle-to-busy transitions of every worker (`scheduler.wakeups`). */
    public long wakeups() {
        return wakeups;
    }
}
