package io.torvyn.engine.config;

/** `[observability]`: how much is measured, and where Prometheus text is served ("off" or HOST:PORT). */
public record ObservabilityConfig(ObservabilityLevel level, String prometheus) {
}
