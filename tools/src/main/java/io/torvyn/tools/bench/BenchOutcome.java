package io.torvyn.tools.bench;

import io.torvyn.engine.error.Problem;

/**
 * A finished bench: the figures that are saved, the details the reports add, and the failure that cut the window
 * short (null when it ran as asked).
 */
public record BenchOutcome(BenchResult result, BenchDetails details, Problem failure) {
}
