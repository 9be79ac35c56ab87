package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.topology.Role;

/**
 * A processor, filter, router or aggregator module without a batch export: one guest call per element
 * ({@code torvyn_process}, {@code torvyn_evaluate}, {@code torvyn_route}, {@code torvyn_ingest}).
 * <ul>
 *   <li>processor / aggregator ingest: returning the input forwards it (a handle move, zero copies), returning a
 *   buffer it allocated emits it with the input's sequence, 0 drops, −1 … −5 fail the element;</li>
 *   <li>filter: a positive result passes the input on, 0 drops it;</li>
 *   <li>router: bit i of the result sends the input to port i (one shared buffer), 0 drops it.</li>
 * </ul>
 * Buffers emitted with {@code emit} during a call come first, with new sequences. An aggregator's
 * {@code torvyn_flush} runs every {@code flush_every} elements and at end of stream ({@link AggregatorFlush}).
 */
final class WasmTransform extends WasmComponent implements TransformComponent {
    private final Role role;
    private final int portMask;
    private final AggregatorFlush flush;

    WasmTransform(final WasmComponentSpec spec) {
        super(spec);
        this.role = spec.role();
        this.portMask = spec.portCount() >= 31 ? -1 : (1 << spec.portCount()) - 1;
        this.flush = role == Role.AGGREGATOR ? new AggregatorFlush(this, spec.node().flushEvery()) : null;
    }

    @Override
    public void process(final ComponentContext context, final ElementBatch in, final Emitter out) {
        try {
            final int end = in.end();
            for (int i = in.start(); i < end; i++) {
                if (flush != null) {
                    flush.beforeElement(i, out);
                    flush.counted(1);
                }
                final int result = callOn(in, i, GuestInstance.ROLE);
                switch (role) {
                    case FILTER:
                        filtered(in, i, result, out);
                        break;
                    case ROUTER:
                        routed(in, i, result, out);
                        break;
                    default:
                        processed(in, i, result, out);
                        break;
                }
            }
            if (flush != null) {
                flush.afterBatch(end - 1, out);
            }
        } catch (final ElementFailure f) {
            throw noted(f);
        }
    }

    @Override
    public void endOfStream(final ComponentContext context, final Emitter out) {
        if (flush != null) {
            flush.atEnd(out);
        }
    }

    private void processed(final ElementBatch in, final int i, final int result, final Emitter out) {
        if (result < 0) {
            throw processFailure(i, result);
        }
        if (result == 0) {
            host.finish(out);
        } else if (result == inputHandle) {
            host.finish(out);
            out.forward(in, i, Emitter.DEFAULT_PORT);
        } else {
            final long produced = host.claimResult(result, spec.roleExport());
            if (host.violated()) {
                throw violation(i);
            }
            host.finish(out);
            out.emitNew(produced, in.sequence(i), in.timestampNs(i), in.intendedNs(i), Emitter.DEFAULT_PORT);
        }
    }

    private void filtered(final ElementBatch in, final int i, final int result, final Emitter out) {
        if (result < 0) {
            throw processFailure(i, result);
        }
        host.finish(out);
        if (result > 0) {
            out.forward(in, i, Emitter.DEFAULT_PORT);
        }
    }

    private void routed(final ElementBatch in, final int i, final int result, final Emitter out) {
        if (result < 0) {
            throw processFailure(i, result);
        }
        host.finish(out);
        final int mask = result & portMask;
        if (mask != 0) {
            out.forward(in, i, mask);
        }
    }
}
