package io.torvyn.engine.config;

import java.util.List;

/**
 * `[runtime.pools]`: the off-heap tiers, smallest first.
 *
 * @param tiers            small, medium, large, huge (sorted by buffer size)
 * @param exhaustionPolicy what an allocation does when its tier is empty
 * @param maxBufferSize    the largest buffer anyone may ask for
 */
public record PoolsConfig(List<TierConfig> tiers, ExhaustionPolicy exhaustionPolicy, long maxBufferSize) {
}
