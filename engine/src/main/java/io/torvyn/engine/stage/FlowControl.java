package io.torvyn.engine.stage;

import io.torvyn.engine.error.TorvynException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * State shared by every stage of one running flow: the stop request (limit reached, Ctrl-C, timeout, failure), the
 * first failure, the element budget of `run --limit`, and the flow-wide element sequence. Touched once per batch at
 * most, never per element.
 */
public final class FlowControl {
    /** Why sources were told to stop. */
    public enum StopReason { NONE, CANCELLED, DEADLINE, FAILED }

    private final AtomicLong sequences = new AtomicLong();
    private final AtomicLong limitRemaining;
    private final AtomicReference<TorvynException> failure = new AtomicReference<>();
    private volatile StopReason stopReason = StopReason.NONE;
    private volatile String failedNode;

    /** @param limit elements all sources may emit in total, or a negative number for no limit */
    public FlowControl(final long limit) {
        this.limitRemaining = new AtomicLong(limit < 0 ? Long.MAX_VALUE : limit);
    }

    public AtomicLong sequences() {
        return sequences;
    }

    /** Claims up to {@code wanted} elements of the run's limit; returns how many the caller may emit. */
    public int claim(final int wanted) {
        while (true) {
            final long left = limitRemaining.get();
            if (left <= 0) {
                return 0;
            }
            final long take = Math.min(left, wanted);
            if (limitRemaining.compareAndSet(left, left - take)) {
                return (int) take;
            }
        }
    }

    /** True once every element of the limit has been emitted: sources end their streams. */
    public boolean limitReached() {
        return limitRemaining.get() <= 0;
    }

    /** Gives back the part of a claim a source did not use. */
    public void unclaim(final int unused) {
        if (unused > 0) {
            limitRemaining.addAndGet(unused);
        }
    }

    public void requestStop(final StopReason reason) {
        if (stopReason == StopReason.NONE) {
            stopReason = reason;
        }
    }

    public boolean stopRequested() {
        return stopReason != StopReason.NONE;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    /** Records the flow's failure (the first one wins) and tells the sources to stop so the flow drains. */
    public void fail(final String node, final TorvynException error) {
        if (failure.compareAndSet(null, error)) {
            failedNode = node;
        }
        if (stopReason == StopReason.NONE) {
            stopReason = StopReason.FAILED;
        }
    }

    public TorvynException failure() {
        return failure.get();
    }

    public String failedNode() {
        return failedNode;
    }
}
