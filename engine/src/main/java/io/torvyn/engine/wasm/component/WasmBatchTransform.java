package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.topology.Role;

/**
 * A processor, filter, router or aggregator module with a batch export ({@code torvyn_process_batch},
 * {@code _evaluate_batch}, {@code _route_batch}, {@code _ingest_batch}): up to {@code batch_size} elements per guest
 * call through the {@link BatchArea}, with results per descriptor that mean what the per-element results mean
 * (forward, drop, emit-these-bytes, pass, port mask, error kind). Outputs, their order and their copies are those of
 * the per-element twin: staging is the read copy (none when metadata-only), emitted bytes are the write copy.
 * <p>
 * Failures keep that equivalence. A failed element's later results are kept ({@link PendingResults}) and applied when
 * the stage comes back, instead of calling the guest again; a call that fails as a whole is re-run one element at a
 * time ({@link SoloRange}) so that exactly the offending element goes to the error policy.
 */
final class WasmBatchTransform extends WasmComponent implements TransformComponent {
    private final Role role;
    private final int portMask;
    private final AggregatorFlush flush;
    private final SoloRange solo = new SoloRange();
    private PendingResults pending;

    WasmBatchTransform(final WasmComponentSpec spec) {
        super(spec);
        this.role = spec.role();
        this.portMask = spec.portCount() >= 31 ? -1 : (1 << spec.portCount()) - 1;
        this.flush = role == Role.AGGREGATOR ? new AggregatorFlush(this, spec.node().flushEvery()) : null;
    }

    @Override
    public void open(final ComponentContext context) {
        super.open(context);
        pending = new PendingResults(area.capacity());
    }

    @Override
    public void close(final ComponentContext context) {
        if (pending != null) {
            pending.clear(pool, client);
        }
        super.close(context);
    }

    @Override
    public void process(final ComponentContext context, final ElementBatch in, final Emitter out) {
        try {
            int i = resume(in, in.start(), out);
            while (i < in.end()) {
                int n = solo.covers(in, i) ? 1 : in.end() - i;
                if (flush != null) {
                    flush.beforeElement(i, out);
                    n = Math.min(n, flush.untilDue());
                }
                i += callAndApply(in, i, n, out);
            }
            if (flush != null) {
                flush.afterBatch(in.end() - 1, out);
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

    private int callAndApply(final ElementBatch in, final int from, final int n, final Emitter out) {
        final int k;
        try {
            k = callBatch(in, from, n, solo, out);
        } catch (final ElementFailure f) {
            if (flush != null) {
                flush.counted(1);
            }
            throw f;
        }
        if (flush != null) {
            flush.counted(k);
        }
        for (int d = 0; d < k; d++) {
            final int i = from + d;
            final TorvynException error = apply(in, i, area.result(d), d, 0, out);
            if (error != null) {
                if (d + 1 < k && !stopsFlow(error)) {
                    keepPending(in, i + 1, from + k, d + 1);
                }
                if (discards(error)) {
                    guest.discard();
                }
                throw new ElementFailure(i, error);
            }
        }
        return k;
    }

    /**
     * Applies result {@code result} of element {@code i}: from descriptor {@code d} of the last call, or (when
     * {@code kept} is not 0) with output bytes already copied into buffer {@code kept}.
     *
     * @return null, or the element's failure
     */
    private TorvynException apply(final ElementBatch in, final int i, final int result, final int d, final long kept,
                                  final Emitter out) {
        if (result < 0) {
            return processError(result);
        }
        switch (role) {
            case FILTER:
                if (result > 0) {
                    out.forward(in, i, Emitter.DEFAULT_PORT);
                }
                return null;
            case ROUTER:
                final int mask = result & portMask;
                if (mask != 0) {
                    out.forward(in, i, mask);
                }
                return null;
            default:
                return processed(in, i, result, d, kept, out);
        }
    }

    private TorvynException processed(final ElementBatch in, final int i, final int result, final int d,
                                      final long kept, final Emitter out) {
        switch (result) {
            case BatchArea.RESULT_DROP:
                return null;
            case BatchArea.RESULT_FORWARD:
                out.forward(in, i, Emitter.DEFAULT_PORT);
                return null;
            case BatchArea.RESULT_EMIT_BYTES:
                final long produced;
                if (kept != 0) {
                    produced = kept;
                } else {
                    try {
                        produced = area.emitBytes(d, pool.contentType(in.handle(i)));
                    } catch (final TorvynException e) {
                        return e;
                    }
                }
                out.emitNew(produced, in.sequence(i), in.timestampNs(i), in.intendedNs(i), Emitter.DEFAULT_PORT);
                return null;
            default:
                return processError(result);
        }
    }

    /**
     * Keeps the results of elements {@code first .. end} (descriptors {@code d ..}), copying their output bytes out
     * of the instance that is about to be discarded. Stops at an element whose bytes cannot be copied: it and the
     * rest will be called again.
     */
    private void keepPending(final ElementBatch in, final int first, final int end, final int d) {
        pending.start(first);
        final boolean emitsBytes = role != Role.FILTER && role != Role.ROUTER;
        for (int i = first; i < end; i++) {
            final int descriptor = d + i - first;
            final int result = area.result(descriptor);
            long kept = 0;
            if (emitsBytes && result == BatchArea.RESULT_EMIT_BYTES) {
                try {
                    kept = area.emitBytes(descriptor, pool.contentType(in.handle(i)));
                } catch (final TorvynException e) {
                    return;
                }
            }
            pending.add(in, result, kept);
        }
    }

    /** Applies results kept from an earlier call that continue this stage batch; returns where to go on from. */
    private int resume(final ElementBatch in, final int start, final Emitter out) {
        if (!pending.active()) {
            return start;
        }
        if (!pending.belongsTo(in)) {
            pending.clear(pool, client);
            return start;
        }
        int i = start;
        if (i == pending.from() - 1) {
            i += callAndApply(in, i, 1, out);
        }
        if (i != pending.from()) {
            pending.clear(pool, client);
            return i;
        }
        for (int j = pending.from(); j < pending.end(); j++) {
            final int result = pending.code(j);
            final long kept = pending.takeOwned(j);
            final TorvynException error = result < 0
                ? ComponentErrors.processError(where, spec.roleExport(), result, null)
                : apply(in, j, result, -1, kept, out);
            if (error != null) {
                pending.advanceTo(j + 1);
                if (stopsFlow(error)) {
                    pending.clear(pool, client);
                }
                throw new ElementFailure(j, error);
            }
        }
        final int end = pending.end();
        pending.clear(pool, client);
        return end;
    }
}
