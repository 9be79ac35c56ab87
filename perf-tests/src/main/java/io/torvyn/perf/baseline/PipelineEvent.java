package io.torvyn.perf.baseline;

/**
 * One ring slot of {@link DisruptorPipelineBaseline}: the produced value and the result of each step, written by the
 * single stage that owns that field, so the three handlers share the slot without locks.
 */
public final class PipelineEvent {
    long value;
    long stepOneResult;
    long stepTwoResult;
    /** When the paced producer meant to send this element ({@link PacedDisruptorLatency}); unused otherwise. */
    long intendedNs;
}
