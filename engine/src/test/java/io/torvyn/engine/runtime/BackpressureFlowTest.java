package io.torvyn.engine.runtime;

import io.torvyn.engine.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow sink behind a 16-deep queue, under each backpressure policy. */
class BackpressureFlowTest {
    private static final int COUNT = 400;

    private static String flow(final String policy) {
        return node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":32}")
            + node("slow", "builtin:null", "{\"delay\":\"200us\"}")
            + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"slow\"\nqueue_depth = 16\nbackpressure = \"" + policy
            + "\"\n";
    }

    @Test
    void blockStallsTheProducerAndCountsTheStall() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("block"), null, -1)) {
            assertNull(f.summary().outcome());
            assertEquals(COUNT, f.summary().elements());
            final RunSummary.StreamSummary s = f.stream("gen->slow");
            assertTrue(s.backpressureEvents() > 0, "backpressure events");
            assertTrue(s.backpressureNs() > 0, "stall time");
            assertTrue(s.peakDepth() <= 16, "queue peak within capacity: " + s.peakDepth());
            assertEquals(16, s.capacity());
            assertEquals(0, s.dropped());
            assertTrue(f.summary().poolsFull());
        }
    }

    @Test
    void dropNewestDropsAndNeverBlocks() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("drop-newest"), null, -1)) {
            assertNull(f.summary().outcome());
            final RunSummary.StreamSummary s = f.stream("gen->slow");
            assertTrue(s.dropped() > 0, "drops");
            assertTrue(s.backpressureEvents() > 0);
            assertEquals(COUNT, f.summary().elements() + s.dropped(), "every element delivered or dropped");
            assertTrue(f.summary().poolsFull());
        }
    }

    @Test
    void dropOldestKeepsTheNewest() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("drop-oldest"), null, -1)) {
            assertNull(f.summary().outcome());
            final RunSummary.StreamSummary s = f.stream("gen->slow");
            assertTrue(s.dropped() > 0, "drops");
            assertEquals(COUNT, f.summary().elements() + s.dropped(), "every element delivered or dropped");
            assertTrue(f.summary().poolsFull());
        }
    }

    @Test
    void errorPolicyFailsWithBackpressureOverflow() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("error"), null, -1)) {
            assertNotNull(f.summary().outcome());
            assertEquals(ErrorCode.E0411, f.summary().outcome().code());
            assertEquals(1, f.summary().exitCode());
            assertTrue(f.summary().poolsFull(), "no buffer lost after the overflow");
        }
    }
}
