package io.torvyn.journal.replay;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.SourceComponent;

import java.util.List;

/**
 * Stands in for a source during replay: emits exactly the payloads the recorded source published, in the recorded
 * order and under the recorded element sequences, each written once into a pooled buffer of the size the source asked
 * for, so everything downstream sees what it saw in the recorded run.
 */
public final class ReplaySource implements SourceComponent {
    private final List<RecordedElement> elements;
    private int next;

    public ReplaySource(final List<RecordedElement> elements) {
        this.elements = List.copyOf(elements);
    }

    @Override
    public int pull(final ComponentContext ctx, final Emitter out, final int max) {
        if (next >= elements.size()) {
            return END_OF_STREAM;
        }
        final BufferPool pool = ctx.pool();
        final BufferClient client = ctx.client();
        final long now = System.nanoTime();
        int n = 0;
        while (n < max && next < elements.size()) {
            final RecordedElement e = elements.get(next++);
            ctx.nextSequences(1);
            client.elementSeq = e.sequence();
            final long h = pool.allocate(client, Math.max(e.requested(), e.payload().length));
            pool.write(client, h, 0, e.payload(), 0, e.payload().length);
            if (e.contentType() != null) {
                pool.setContentType(client, h, ctx.contentTypes().register(e.contentType()));
            }
            out.emitNew(h, e.sequence(), now, now, Emitter.DEFAULT_PORT);
            n++;
        }
        return n;
    }

    /** Elements emitted so far. */
    public int emitted() {
        return next;
    }
}
