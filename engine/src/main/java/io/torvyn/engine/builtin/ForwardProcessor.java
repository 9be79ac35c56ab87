package io.torvyn.engine.builtin;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;

/** `builtin:forward`: passes every input handle on unchanged, zero copies: the orchestration baseline. */
public final class ForwardProcessor implements TransformComponent {
    @Override
    public void process(final ComponentContext ctx, final ElementBatch in, final Emitter out) {
        out.forwardAll(in, in.start(), in.end(), Emitter.DEFAULT_PORT);
    }
}
