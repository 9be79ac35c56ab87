package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.ContentTypes;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.SourceComponent;
import io.torvyn.engine.error.TorvynException;

/**
 * A source module: {@code torvyn_pull()} returns a buffer it allocated and filled (emitted with a new sequence), 0 for
 * "nothing now" (the source is polled again after one yield quantum) or −6 at end of stream; a batch source's
 * {@code torvyn_pull_batch(n)} fills up to {@code n} descriptors with output bytes that the host copies into pooled
 * buffers (the one write copy) and returns how many. A source has no element to charge a failure to, so any failure
 * (E04xx, a handle misuse, an error kind) fails the flow.
 */
final class WasmSource extends WasmComponent implements SourceComponent {
    private boolean ended;

    WasmSource(final WasmComponentSpec spec) {
        super(spec);
    }

    @Override
    public int pull(final ComponentContext context, final Emitter out, final int max) {
        if (ended) {
            return END_OF_STREAM;
        }
        final int n;
        try {
            guest.ensureLive();
            n = area != null ? pullBatch(out, max) : pullEach(out, max);
        } catch (final TorvynException e) {
            throw noted(e);
        }
        if (n == 0 && ended) {
            return END_OF_STREAM;
        }
        if (n == 0) {
            context.pauseOneQuantum();
        }
        return n;
    }

    private int pullEach(final Emitter out, final int max) {
        int n = 0;
        while (n < max && !ended) {
            final long now = System.nanoTime();
            host.begin(-1, now, now);
            final int result = call(false, 0);
            if (result == ComponentErrors.END_OF_STREAM) {
                ended = true;
                n += host.finish(out);
                break;
            }
            if (result < 0) {
                throw failed(result);
            }
            if (result == 0) {
                n += host.finish(out);
                break;
            }
            final long produced = host.claimResult(result, spec.roleExport());
            if (host.violated()) {
                throw violated();
            }
            n += host.finish(out);
            client.elementSeq = ctx.nextSequences(1);
            out.emitNew(produced, client.elementSeq, now, now, Emitter.DEFAULT_PORT);
            n++;
        }
        return n;
    }

    private int pullBatch(final Emitter out, final int max) {
        final int k = Math.min(max, area.capacity());
        final long now = System.nanoTime();
        host.begin(-1, now, now);
        area.publishEmpty(k);
        final int result = call(true, k);
        if (result == ComponentErrors.END_OF_STREAM) {
            ended = true;
            return host.finish(out);
        }
        if (result < 0 || result > k) {
            throw failed(result);
        }
        area.fetch(result);
        final int extra = host.finish(out);
        final long first = ctx.nextSequences(result);
        for (int d = 0; d < result; d++) {
            client.elementSeq = first + d;
            final long produced = area.emitBytes(d, ContentTypes.NONE);
            out.emitNew(produced, first + d, now, now, Emitter.DEFAULT_PORT);
        }
        return extra + result;
    }

    /** {@code torvyn_pull_batch} on the {@code count} descriptors just published, or {@code torvyn_pull()}. */
    private int call(final boolean batch, final int count) {
        final int result;
        try {
            result = batch ? guest.callBatch(count) : guest.call(GuestInstance.ROLE);
        } catch (final TorvynException e) {
            host.abort();
            throw e;
        }
        if (host.violated()) {
            throw violated();
        }
        return result;
    }

    private TorvynException violated() {
        final TorvynException v = host.violation();
        host.abort();
        return v;
    }

    private TorvynException failed(final int result) {
        final TorvynException e = processError(result);
        host.abort();
        guest.discard();
        return e;
    }
}
