package io.torvyn.engine.runtime;

import io.torvyn.engine.schedule.BalancerTuning;

import java.util.concurrent.ThreadFactory;

/**
 * How one run is bounded, as `torvyn run` flags say.
 *
 * @param limit         elements all sources may emit in total (`--limit`), negative for none
 * @param timeoutNs     stop and drain after this long, failing with E0400 (`--timeout`), 0 for none
 * @param threadFactory where engine threads come from (benchmarks measure their threads); null for the default
 * @param balancer      how the layout balancer probes an unpinned `shared` flow on several workers; null to keep
 *                      every stage where the layout plan puts it
 */
public record RunOptions(long limit, long timeoutNs, ThreadFactory threadFactory, BalancerTuning balancer) {
    public static final RunOptions UNBOUNDED = new RunOptions(-1, 0);

    public RunOptions(final long limit, final long timeoutNs) {
        this(limit, timeoutNs, null);
    }

    public RunOptions(final long limit, final long timeoutNs, final ThreadFactory threadFactory) {
        this(limit, timeoutNs, threadFactory, BalancerTuning.DEFAULT);
    }

    /** These options with {@code tuning} for the layout balancer (null: no balancer). */
    public RunOptions withBalancer(final BalancerTuning tuning) {
        return new RunOptions(limit, timeoutNs, threadFactory, tuning);
    }
}
