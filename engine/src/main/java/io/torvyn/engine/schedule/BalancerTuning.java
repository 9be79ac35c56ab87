package io.torvyn.engine.schedule;

/**
 * The timing of a {@link LayoutBalancer}'s probes. The defaults suit a flow that moves millions of elements a second:
 * a probe costs two or three 10 ms windows, and probes thin out as the run goes on.
 *
 * @param warmupNs        run the planned layout this long before the first probe
 * @param windowNs        each layout is measured over a window this long
 * @param settleNs        after a move, wait this long before measuring (hand-overs, caches)
 * @param firstIntervalNs pause after the first probe; each later pause doubles, up to {@code maxIntervalNs}
 * @param maxIntervalNs   the longest pause between probes
 * @param margin          the planned slices are kept only when they moved more than {@code 1 + margin} times as
 *                        many elements as every stage on one worker
 */
public record BalancerTuning(long warmupNs, long windowNs, long settleNs, long firstIntervalNs, long maxIntervalNs,
                             double margin) {

    /** What a run uses unless told otherwise. */
    public static final BalancerTuning DEFAULT = new BalancerTuning(1_000_000_000L, 10_000_000L, 2_000_000L,
        1_000_000_000L, 32_000_000_000L, 0.25);

    public BalancerTuning {
        if (warmupNs < 0 || windowNs <= 0 || settleNs < 0 || firstIntervalNs < 0 || maxIntervalNs < firstIntervalNs) {
            throw new IllegalArgumentException("balancer timings must be >= 0 (window > 0, max >= first interval)");
        }
    }
}
