package io.torvyn.engine.config;

/** One pool tier: every buffer in it has {@code bufferSize} bytes of capacity; {@code count} are pre-allocated. */
public record TierConfig(String name, int bufferSize, int count) {
}
