package io.torvyn.engine.config;

/** `[runtime.backpressure]`: default capacity and policy of every edge, and the release watermark. */
public record BackpressureConfig(int defaultQueueDepth, BackpressurePolicy policy, double lowWatermarkRatio) {
}
