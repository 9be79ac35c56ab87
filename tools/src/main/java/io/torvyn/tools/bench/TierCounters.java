package io.torvyn.tools.bench;

/**
 * One pool tier's counters, summed over every node's buffer client, at one instant or between two.
 *
 * @param pooled    allocations served by a recycled buffer of the tier
 * @param fallback  allocations that fell back to a native allocation in place of the tier
 * @param exhausted allocations that found the tier empty
 */
public record TierCounters(long pooled, long fallback, long exhausted) {
    public static final TierCounters ZERO = new TierCounters(0, 0, 0);

    public TierCounters minus(final TierCounters o) {
        return new TierCounters(pooled - o.pooled, fallback - o.fallback, exhausted - o.exhausted);
    }

    public TierCounters plus(final TierCounters o) {
        return new TierCounters(pooled + o.pooled, fallback + o.fallback, exhausted + o.exhausted);
    }

    /** Every allocation request the tier saw. */
    public long requests() {
        return pooled + fallback;
    }
}
