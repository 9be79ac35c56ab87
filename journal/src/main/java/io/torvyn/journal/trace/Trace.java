package io.torvyn.journal.trace;

import java.util.List;

/**
 * Each traced element's path through the flow, stage by stage, with the buffer operations each stage made, rebuilt
 * from a journal by {@link TraceBuilder}; {@link TraceFormat} renders it as `torvyn trace` prints it.
 *
 * @param elements the traced elements, by sequence
 * @param summary  figures over the traced elements (latency, copies) and the whole journal (reuse, backpressure)
 */
public record Trace(List<Element> elements, Summary summary) {

    /**
     * One element.
     *
     * @param totalNs   the sum of its stages' durations
     * @param latencyNs from its first to its last record, queue waits included
     */
    public record Element(long sequence, List<Stage> stages, long totalNs, long copies, long copyBytes,
                          long latencyNs) {
    }

    /**
     * What one stage did with one element.
     *
     * @param durationNs the element's share of the component calls it took part in (call time divided by the
     *                   elements in the call), from invoke-begin/invoke-end
     * @param ops        its operations in the order the stage made them (consume and invoke records left out)
     */
    public record Stage(int node, String name, String role, String verb, long durationNs, List<Op> ops) {
    }

    /**
     * One operation.
     *
     * @param op      the journal's operation name
     * @param slot    the buffer's handle-table slot ({@code B<slot>}), -1 for none
     * @param tier    the tier name (alloc), else null
     * @param bytes   bytes concerned: copied bytes for read/write/clone, the payload length otherwise
     * @param copy    whether payload bytes were copied
     * @param stream  the stream label (publish, drop, backpressure), else null
     * @param detail  what else the operation says: queue depth, port mask, stall time, error code; or null
     */
    public record Op(String op, int slot, String tier, long bytes, boolean copy, String stream, String detail) {
    }

    /**
     * @param elements           elements traced
     * @param latencyP50Ns       median element latency (first to last record)
     * @param latencyP99Ns       99th percentile element latency
     * @param copiesPerElement   copies per traced element
     * @param copyBytes          bytes copied for the traced elements
     * @param bufferReuse        allocations served by a pooled buffer (not fallback) over all allocations, 0..1;
     *                           NaN when the journal has none
     * @param backpressureEvents backpressure-on records in the journal
     * @param journalElements    elements in the whole journal
     */
    public record Summary(int elements, long latencyP50Ns, long latencyP99Ns, double copiesPerElement,
                          long copies, long copyBytes, double bufferReuse, long backpressureEvents,
                          long journalElements) {
    }
}
