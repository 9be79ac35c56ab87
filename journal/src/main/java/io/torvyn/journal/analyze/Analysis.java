package io.torvyn.journal.analyze;

import io.torvyn.engine.error.Problem;

import java.util.List;

/**
 * What `torvyn analyze` reports about one journal: where payload bytes were copied and why, how the stages spent
 * their time, how long buffers lived and how well the pools were reused. Built by {@link Analyzer}, rendered by
 * {@link AnalysisFormat}.
 *
 * @param amplification copied bytes over the bytes sources produced (NaN when sources wrote nothing)
 * @param durationNs    flow-start to flow-end (or to the last record of an unfinished journal)
 */
public record Analysis(String directory, String flow, String level, long elements, long records, long durationNs,
                       List<CopyRow> copies, long copiesTotal, long copiedBytes, long sourceBytes,
                       double amplification, List<StageElements> perElement, List<StageLatency> latency,
                       Lifetimes lifetimes, List<TierReuse> pools, List<ElementCopies> top,
                       List<Problem> problems) {

    /** Copies a stage made for one reason. */
    public record CopyRow(String stage, String reason, long copies, long bytes) {
    }

    /**
     * A stage's copies per element; {@code flagged} when above {@link Analyzer#COPIES_PER_ELEMENT_FLAG}.
     */
    public record StageElements(String stage, long elements, long copies, double copiesPerElement,
                                boolean flagged) {
    }

    /** Percentiles of a stage's component calls (invoke-begin to invoke-end) and of the per-element share. */
    public record StageLatency(String stage, long calls, long p50Ns, long p90Ns, long p99Ns, long maxNs,
                               long elementP50Ns, long elementP99Ns) {
    }

    /** Buffer lifetimes, allocation to the release that returned the buffer; {@code open}: never released. */
    public record Lifetimes(long buffers, long p50Ns, long p99Ns, long maxNs, long open) {
    }

    /**
     * @param reuse           pooled allocations over all allocations of the tier (NaN when none)
     * @param buffersUsed     distinct pooled buffers the run touched
     * @param usesPerBuffer   pooled allocations per distinct buffer: how often each was recycled
     */
    public record TierReuse(String tier, long allocations, long fallback, double reuse, long buffersUsed,
                            double usesPerBuffer) {
    }

    /** One of the elements with the most copies. */
    public record ElementCopies(long element, long copies, long bytes) {
    }
}
