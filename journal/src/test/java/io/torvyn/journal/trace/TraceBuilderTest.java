package io.torvyn.journal.trace;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.HandleDescriptor;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element attribution from hand-made records: calls, batches, nesting, routes and errors. */
class TraceBuilderTest {
    private static final RunInfo INFO = new RunInfo(1, RunInfo.FORMAT, 1, "ops", "main", null, 0, null, -1,
        List.of(new RunInfo.NodeInfo(0, "src", "source", "builtin:generator", null, "node-0", null, 0L),
            new RunInfo.NodeInfo(1, "split", "router", "x.wasm", null, "node-1", null, null),
            new RunInfo.NodeInfo(2, "out", "sink", "builtin:null", null, "node-2", null, null)),
        List.of(new RunInfo.StreamInfo(0, "src->split", 0, 0, 1, 8, "block"),
            new RunInfo.StreamInfo(1, "split:a->out", 1, 0, 2, 8, "block")),
        List.of(new RunInfo.TierInfo(0, "small", 256, 10)), List.of(), 0, null);

    private final List<JournalRecord> records = new ArrayList<>();

    private void add(final long t, final long seq, final int node, final int op, final int slot, final long length,
                     final long copied, final long aux) {
        final long handle = slot < 0 ? 0 : HandleDescriptor.handle(slot, 1);
        records.add(new JournalRecord("node-" + node, 0, t, seq, node, op, handle, slot < 0 ? 0 : 1, 0, 0, length,
            copied, 0, aux, 0, null));
    }

    @Test
    void callsAreSharedByTheirElementsAndNestedCallsCountOnce() {
        add(100, -1, 0, BufferOps.INVOKE_BEGIN, -1, 2, 0, 0);
        add(110, 0, 0, BufferOps.ALLOC, 3, 256, 0, 10);
        add(120, 0, 0, BufferOps.WRITE, 3, 10, 10, 0);
        add(130, 1, 0, BufferOps.ALLOC, 4, 256, 0, 10);
        add(140, 1, 0, BufferOps.WRITE, 4, 10, 10, 0);
        add(500, -1, 0, BufferOps.INVOKE_END, -1, 2, 0, 0);
        add(600, 0, 1, BufferOps.CONSUME, 3, 10, 0, 0);
        add(610, 1, 1, BufferOps.CONSUME, 4, 10, 0, 0);
        add(1000, 0, 1, BufferOps.INVOKE_BEGIN, -1, 2, 0, 0);
        add(1100, 0, 1, BufferOps.INVOKE_BEGIN, -1, 2, 0, 0);
        add(1200, 0, 1, BufferOps.READ, 3, 10, 10, 0);
        add(1300, 0, 1, BufferOps.INVOKE_END, -1, 2, 0, 0);
        add(1600, 0, 1, BufferOps.INVOKE_END, -1, 2, 0, 0);
        add(1700, 0, 1, BufferOps.ROUTE, 3, 10, 0, 0b01);
        add(1710, 1, 1, BufferOps.DROP, 4, 10, 0, -1);
        add(1720, 1, 1, BufferOps.RELEASE, 4, 10, 0, 0);
        add(1730, -1, 1, BufferOps.ERROR, -1, 0, 0, 0);

        final Trace trace = TraceBuilder.build(INFO, records, 10, false);

        assertEquals(2, trace.elements().size());
        final Trace.Element e0 = trace.elements().get(0);
        assertEquals(List.of("pull", "route"), e0.stages().stream().map(Trace.Stage::verb).toList());
        assertEquals(200, e0.stages().get(0).durationNs(), "400 ns shared by two elements");
        assertEquals(300, e0.stages().get(1).durationNs(), "the outer call's 600 ns, shared by two");
        assertEquals("B3 alloc small · B3 write 10B (copy)", TraceFormat.ops(e0.stages().get(0).ops()));
        assertEquals("B3 read 10B (copy) · B3 route ports 0", TraceFormat.ops(e0.stages().get(1).ops()));
        assertEquals(2, e0.copies());
        assertEquals(1700 - 110, e0.latencyNs(), "first to last record of the element");
        final Trace.Element e1 = trace.elements().get(1);
        assertEquals("B4 drop · B4 release", TraceFormat.ops(e1.stages().get(1).ops()));
        assertEquals(1.0, trace.summary().bufferReuse(), 1e-9);
        assertEquals(1.5, trace.summary().copiesPerElement(), 1e-9);
    }

    @Test
    void percentilesAreNearestRank() {
        final long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, TraceBuilder.percentile(sorted, 50));
        assertEquals(10, TraceBuilder.percentile(sorted, 99));
        assertEquals(0, TraceBuilder.percentile(new long[0], 50));
    }
}
