package io.torvyn.engine.builtin;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.SinkComponent;

import java.util.Set;

/**
 * `builtin:null`: the benchmark sink; the stage releases what it receives, so it copies nothing. With a `delay` it is
 * a slow consumer: one element per delay, pausing (never sleeping) between elements so backpressure builds upstream.
 */
public final class NullSink implements SinkComponent {
    private final long delayNs;

    public NullSink(final String json, final String where) {
        final BuiltinConfig cfg = BuiltinConfig.parse(json, where, Set.of("delay"));
        this.delayNs = cfg.duration("delay", 0);
    }

    @Override
    public void push(final ComponentContext ctx, final ElementBatch in) {
        if (delayNs > 0) {
            ctx.pauseUntil(System.nanoTime() + delayNs);
        }
    }

    @Override
    public int maxBatch() {
        return delayNs > 0 ? 1 : Integer.MAX_VALUE;
    }
}
