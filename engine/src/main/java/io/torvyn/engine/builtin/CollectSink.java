package io.torvyn.engine.builtin;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.SinkComponent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * `builtin:collect`: keeps the last `keep` payloads (one `payload-read` each) for tests and `trace`. The copies land
 * in a ring of reusable heap arrays, so a steady flow of same-sized payloads allocates nothing.
 */
public final class CollectSink implements SinkComponent {
    private final int keep;
    private final byte[][] payloads;
    private final int[] lengths;
    private final long[] sequences;
    private long received;

    public CollectSink(final String json, final String where) {
        final BuiltinConfig cfg = BuiltinConfig.parse(json, where, Set.of("keep"));
        this.keep = (int) cfg.integer("keep", 1000, 1);
        this.payloads = new byte[keep][];
        this.lengths = new int[keep];
        this.sequences = new long[keep];
    }

    @Override
    public void push(final ComponentContext ctx, final ElementBatch in) {
        final BufferPool pool = ctx.pool();
        final BufferClient client = ctx.client();
        for (int i = in.start(); i < in.end(); i++) {
            final long h = in.handle(i);
            client.elementSeq = in.sequence(i);
            final int slot = (int) (received % keep);
            final int length = (int) pool.length(h);
            byte[] dst = payloads[slot];
            if (dst == null || dst.length < length) {
                dst = new byte[length];
                payloads[slot] = dst;
            }
            pool.read(client, h, 0, dst, 0, length);
            lengths[slot] = length;
            sequences[slot] = in.sequence(i);
            received++;
        }
    }

    /** Elements received in total. */
    public long received() {
        return received;
    }

    /** The kept payloads, oldest first (copies; call after the flow ended or accept a racy view). */
    public List<byte[]> payloads() {
        final List<byte[]> result = new ArrayList<>();
        final long first = Math.max(0, received - keep);
        for (long r = first; r < received; r++) {
            final int slot = (int) (r % keep);
            result.add(java.util.Arrays.copyOf(payloads[slot], lengths[slot]));
        }
        return result;
    }

    /** Element sequences of the kept payloads, oldest first. */
    public long[] sequences() {
        final long first = Math.max(0, received - keep);
        final long[] result = new long[(int) (received - first)];
        for (long r = first; r < received; r++) {
            result[(int) (r - first)] = sequences[(int) (r % keep)];
        }
        return result;
    }
}
