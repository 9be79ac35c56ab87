package io.torvyn.engine.stage;

import io.torvyn.engine.component.SourceComponent;

/**
 * Runs a source: pulls new elements in batches (bounded by the run's `--limit`) and publishes them. A source ends its
 * streams when it reports end of stream, when the limit is used up, or when the flow is told to stop.
 */
public final class SourceStage extends Stage {
    private final SourceComponent source;
    private final int maxPull;
    private boolean exhausted;

    public SourceStage(final StageSpec spec, final SourceComponent source) {
        super(spec, source);
        this.source = source;
        this.maxPull = Math.min(spec.yieldBatch(), spec.batchSize());
    }

    @Override
    protected int work() {
        if (exhausted || flow.stopRequested() || flow.limitReached()) {
            finish();
            return 0;
        }
        if (ctx.pausedUntilNs() != 0) {
            if (System.nanoTime() < ctx.pausedUntilNs()) {
                return 0;
            }
            ctx.pauseUntil(0);
        }
        final int allowed = flow.claim(maxPull);
        if (allowed == 0) {
            finish();
            return 0;
        }
        final long t0 = timed ? System.nanoTime() : 0;
        invocationBegins(-1, allowed);
        final int n;
        try {
            n = source.pull(ctx, out, allowed);
        } catch (final RuntimeException e) {
            invocationEnds(-1, 0, 1);
            throw e;
        }
        invocationEnds(-1, Math.max(n, 0), 0);
        if (timed && n > 0) {
            stats.recordInvocation(n, System.nanoTime() - t0);
        } else {
            stats.invocations++;
        }
        if (n < 0) {
            exhausted = true;
            flow.unclaim(allowed);
        } else {
            flow.unclaim(allowed - n);
        }
        flushOutputs();
        return Math.max(n, 0);
    }
}
