package io.torvyn.engine.stage;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.config.BackpressurePolicy;
import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.engine.ring.ElementEvent;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.topology.Role;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One stage wired by hand to streams the test feeds and drains itself, over a small pool (one tier, 64 × 64 B). */
final class StageRig implements AutoCloseable {
    final BufferPool pool = new BufferPool(new PoolsConfig(List.of(new TierConfig("small", 64, 64)),
        ExhaustionPolicy.FALLBACK_ALLOC, 4096), 4);
    /** The upstream node whose buffers the test publishes. */
    final BufferClient upstream = pool.newClient(0, "up");
    final BufferClient client = pool.newClient(1, "stage");
    final NodeStats stats = new NodeStats("stage");
    final ComponentContext ctx = new ComponentContext(null, new NodeConfig("stage", "test", null, 0, 0, null,
        Long.MAX_VALUE, false, List.of(), 0), 1, pool, client, pool.contentTypes(), new AtomicLong(), 1_000_000, stats);
    final Stream input = new Stream(0, "up->stage", 64, BackpressurePolicy.BLOCK, 0.5);
    final Stream output = new Stream(1, "stage->down", 64, BackpressurePolicy.BLOCK, 0.5);

    StageSpec spec(final Role role) {
        final Stream[][] outputs = role == Role.SINK ? new Stream[0][] : new Stream[][] {{output}};
        return new StageSpec("stage", 1, role, ctx, stats, new FlowControl(-1), new Stream[] {input}, outputs, 32,
            1_000_000, 32, true);
    }

    /** Allocates a buffer as the upstream node, hands it off and publishes it on the input stream. */
    long publish(final long sequence, final long emittedNs, final long intendedNs) {
        final long h = pool.allocate(upstream, 8);
        pool.write(upstream, h, 0, new byte[] {(byte) sequence}, 0, 1);
        pool.handOff(upstream, h);
        final long seq = input.nextSequence();
        final ElementEvent ev = input.claim();
        ev.handle = h;
        ev.sequence = sequence;
        ev.timestampNs = emittedNs;
        ev.intendedNs = intendedNs;
        ev.flags = 0;
        input.publishUpTo(seq);
        return h;
    }

    /** Takes every element published on the output stream: {handle, sequence, emitted, intended} each. */
    List<long[]> drainOutput() {
        final java.util.ArrayList<long[]> taken = new java.util.ArrayList<>();
        long next = output.consumedSequence() + 1;
        final long available = output.available();
        for (; next <= available; next++) {
            final ElementEvent ev = output.get(next);
            taken.add(new long[] {ev.handle, ev.sequence, ev.timestampNs, ev.intendedNs});
        }
        output.consumedUpTo(available);
        return taken;
    }

    @Override
    public void close() {
        pool.close();
    }
}
