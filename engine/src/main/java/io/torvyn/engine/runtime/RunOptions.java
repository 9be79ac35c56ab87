package io.torvyn.engine.runtime;

import java.util.concurrent.ThreadFactory;

/**
 * How one run is bounded, as `torvyn run` flags say.
 *
 * @param limit         elements all sources may emit in total (`--limit`), negative for none
 * @param timeoutNs     stop and drain after this long, failing with E0400 (`--timeout`), 0 for none
 * @param threadFactory where engine threads come from (benchmarks measure their threads); null for the default
 */
public record RunOptions(long limit, long timeoutNs, ThreadFactory threadFactory) {
    public static final RunOptions UNBOUNDED = new RunOptions(-1, 0);

    public RunOptions(final long limit, final long timeoutNs) {
        this(limit, timeoutNs, null);
    }
}
