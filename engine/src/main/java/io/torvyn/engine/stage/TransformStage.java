package io.torvyn.engine.stage;

import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.config.ErrorPolicy;
import io.torvyn.engine.topology.Role;

/**
 * Runs a processor, filter, router or aggregator: a batch in, outputs published, inputs that no output took over
 * released. A failing element is handled by the node's error policy: fail-fast stops the flow (this stage then
 * drains), skip-element drops it, retry:N calls again from that element up to N times. E0410 FatalComponentError stops
 * the flow whatever the policy.
 */
public final class TransformStage extends Stage {
    private final TransformComponent transform;
    private final Role role;
    private final Runnable invoke;
    private final ErrorPolicy policy;
    private final int maxCall;
    private boolean flushedAtEnd;

    public TransformStage(final StageSpec spec, final TransformComponent transform, final ErrorPolicy policy) {
        super(spec, transform);
        this.transform = transform;
        this.role = spec.role();
        this.invoke = () -> transform.process(ctx, batch, out);
        this.policy = policy;
        this.maxCall = Math.max(spec.yieldBatch(), spec.batchSize());
    }

    @Override
    protected int work() {
        final int n = takeBatch(maxCall);
        if (n == 0) {
            if (allInputsEnded()) {
                if (!flushedAtEnd) {
                    flushedAtEnd = true;
                    invocationBegins(-1, 0);
                    transform.endOfStream(ctx, out);
                    invocationEnds(-1, out.count(), 0);
                    if (!flushOutputs()) {
                        return 0;
                    }
                }
                finish();
            }
            return 0;
        }
        final long t0 = timed ? System.nanoTime() : 0;
        callWithPolicy(policy, invoke, false);
        if (timed) {
            stats.recordInvocation(n, System.nanoTime() - t0);
        } else {
            stats.invocations++;
        }
        countDropped();
        releaseUnpassedInputs();
        flushOutputs();
        return n;
    }

    /**
     * Counts the inputs this call dropped by decision: for a filter or router, an input not passed on; for a
     * processor, an input neither passed on nor followed by an output carrying its sequence (its transformed
     * successor). Outputs come in input order, so one merge-like pass finds them. Aggregators consume by design.
     */
    private void countDropped() {
        if (role == Role.AGGREGATOR || batch.allPassedOn()) {
            return;
        }
        int o = 0;
        final int outputs = out.count();
        for (int i = 0; i < batch.end(); i++) {
            if (batch.passedOn(i)) {
                continue;
            }
            boolean successor = false;
            if (role == Role.PROCESSOR) {
                final long seq = batch.sequence(i);
                while (o < outputs && out.sequence(o) != seq) {
                    o++;
                }
                successor = o < outputs;
                if (!successor) {
                    o = 0;
                }
            }
            if (!successor) {
                stats.dropped++;
            }
        }
    }
}
