package io.torvyn.engine.stage;

import io.torvyn.engine.component.SinkComponent;
import io.torvyn.engine.config.ErrorPolicy;

/**
 * Runs a sink: pushes batches, records `flow.latency` (source emit to sink completion, one clock read per batch) and
 * releases every input. A paused sink (slow consumer) simply reports no progress until its pause has passed, so
 * backpressure builds upstream without blocking a worker. The sink is busy until that pause ends, so the pause counts
 * as its processing time: a slow consumer shows up in `component.processing_time` and bench can name it. A failing
 * element goes to the error policy; E0410 FatalComponentError stops the flow whatever the policy.
 */
public final class SinkStage extends Stage {
    private final SinkComponent sink;
    private final Runnable invoke;
    private final ErrorPolicy policy;
    private final int maxCall;
    private boolean completed;

    public SinkStage(final StageSpec spec, final SinkComponent sink, final ErrorPolicy policy) {
        super(spec, sink);
        this.sink = sink;
        this.invoke = () -> sink.push(ctx, batch);
        this.policy = policy;
        this.maxCall = Math.min(Math.max(spec.yieldBatch(), spec.batchSize()), sink.maxBatch());
    }

    @Override
    protected int work() {
        final long pausedUntil = ctx.pausedUntilNs();
        if (pausedUntil != 0) {
            if (System.nanoTime() < pausedUntil) {
                return 0;
            }
            ctx.pauseUntil(0);
        }
        final int n = takeBatch(maxCall);
        if (n == 0) {
            if (allInputsEnded() && !completed) {
                completed = true;
                sink.complete(ctx);
                finish();
            }
            return 0;
        }
        final long t0 = System.nanoTime();
        callWithPolicy(policy, invoke, true);
        final long t1 = System.nanoTime();
        if (timed) {
            stats.recordInvocation(n, Math.max(t1, ctx.pausedUntilNs()) - t0);
            recordLatencies(t1);
        } else {
            stats.invocations++;
        }
        releaseUnpassedInputs();
        return n;
    }

    /**
     * Records every element's latency at {@code nowNs}. Elements a source emitted in one call usually share their
     * emit and intended times, so each run of equal times is recorded once with its count: the same histogram as one
     * record per element.
     */
    private void recordLatencies(final long nowNs) {
        final int end = batch.end();
        int i = 0;
        while (i < end) {
            final long emitted = batch.timestampNs(i);
            final long intended = batch.intendedNs(i);
            int j = i + 1;
            while (j < end && batch.timestampNs(j) == emitted && batch.intendedNs(j) == intended) {
                j++;
            }
            stats.recordLatency(nowNs, emitted, intended, j - i);
            i = j;
        }
    }
}
