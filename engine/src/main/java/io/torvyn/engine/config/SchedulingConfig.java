package io.torvyn.engine.config;

/**
 * `[runtime.scheduling]`.
 *
 * @param yieldBatch     elements a stage moves before yielding its worker
 * @param yieldQuantumNs or this much time, whichever comes first
 * @param batchSize      elements per call of a component's batch export
 * @param placement      whether an unpinned `shared` flow's stages may move between workers by measurement
 */
public record SchedulingConfig(int yieldBatch, long yieldQuantumNs, int batchSize, StagePlacement placement) {
}
