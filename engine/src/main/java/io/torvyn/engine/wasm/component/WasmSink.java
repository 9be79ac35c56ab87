package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.SinkComponent;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.ModuleContract;

/**
 * A sink module: {@code torvyn_push(in)} per element, or {@code torvyn_push_batch(n)} per batch, then the optional
 * {@code torvyn_complete()} when every input has ended. Result 1 ("pause") accepts the element and delivers nothing
 * more to the sink for one yield quantum; so that the pause falls between elements, a per-element sink takes one
 * element per push, and a batch sink pauses after the batch that asked for it.
 */
final class WasmSink extends WasmComponent implements SinkComponent {
    private static final int PAUSE = 1;

    private final SoloRange solo = new SoloRange();
    private PendingResults pending;

    WasmSink(final WasmComponentSpec spec) {
        super(spec);
    }

    @Override
    public void open(final ComponentContext context) {
        super.open(context);
        if (area != null) {
            pending = new PendingResults(area.capacity());
        }
    }

    @Override
    public void close(final ComponentContext context) {
        if (pending != null) {
            pending.clear(pool, client);
        }
        super.close(context);
    }

    @Override
    public int maxBatch() {
        return spec.batch() ? Integer.MAX_VALUE : 1;
    }

    @Override
    public void push(final ComponentContext context, final ElementBatch in) {
        try {
            if (area != null) {
                pushBatches(in);
                return;
            }
            for (int i = in.start(); i < in.end(); i++) {
                final int result = callOn(in, i, GuestInstance.ROLE);
                if (result < 0) {
                    throw processFailure(i, result);
                }
                host.finish(null);
                if (result == PAUSE) {
                    context.pauseOneQuantum();
                }
            }
        } catch (final ElementFailure f) {
            throw noted(f);
        }
    }

    @Override
    public void complete(final ComponentContext context) {
        if (guest.has(GuestInstance.COMPLETE)) {
            callOutsideElement(GuestInstance.COMPLETE, ModuleContract.COMPLETE, null);
        }
    }

    private void pushBatches(final ElementBatch in) {
        int i = resume(in, in.start());
        while (i < in.end()) {
            final int n = solo.covers(in, i) ? 1 : in.end() - i;
            i += callAndApply(in, i, n);
        }
    }

    private int callAndApply(final ElementBatch in, final int from, final int n) {
        final int k = callBatch(in, from, n, solo, null);
        boolean pause = false;
        for (int d = 0; d < k; d++) {
            final int result = area.result(d);
            if (result < 0) {
                final TorvynException error = processError(result);
                if (d + 1 < k && !stopsFlow(error)) {
                    pending.start(from + d + 1);
                    for (int r = d + 1; r < k; r++) {
                        pending.add(in, area.result(r), 0);
                    }
                }
                guest.discard();
                pauseIf(pause);
                throw new ElementFailure(from + d, error);
            }
            pause |= result == PAUSE;
        }
        pauseIf(pause);
        return k;
    }

    /** Applies results kept from an earlier call that continue this stage batch; returns where to go on from. */
    private int resume(final ElementBatch in, final int start) {
        if (!pending.active()) {
            return start;
        }
        if (!pending.belongsTo(in)) {
            pending.clear(pool, client);
            return start;
        }
        int i = start;
        if (i == pending.from() - 1) {
            i += callAndApply(in, i, 1);
        }
        if (i != pending.from()) {
            pending.clear(pool, client);
            return i;
        }
        boolean pause = false;
        for (int j = pending.from(); j < pending.end(); j++) {
            final int result = pending.code(j);
            if (result < 0) {
                final TorvynException error = ComponentErrors.processError(where, spec.roleExport(), result, null);
                pending.advanceTo(j + 1);
                if (stopsFlow(error)) {
                    pending.clear(pool, client);
                }
                pauseIf(pause);
                throw new ElementFailure(j, error);
            }
            pause |= result == PAUSE;
        }
        final int end = pending.end();
        pending.clear(pool, client);
        pauseIf(pause);
        return end;
    }

    private void pauseIf(final boolean pause) {
        if (pause) {
            ctx.pauseOneQuantum();
        }
    }
}
