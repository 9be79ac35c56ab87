package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.CollectSink;
import io.torvyn.engine.schedule.BalancerTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static io.torvyn.engine.runtime.PassThroughFlowTest.expectedSequencePayload;
import static io.torvyn.engine.runtime.PassThroughFlowTest.runtime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stages moving between workers while elements flow: a balancer tuned to probe without pause (every probe moves the
 * stages to the planned slices for a millisecond and back to one worker, since no gain can pass its margin) must not
 * lose, repeat, reorder or leak a single element, whatever the wait strategy and shape.
 */
class StageMigrationFlowTest {
    private static final int COUNT = 300_000;
    private static final BalancerTuning RESTLESS = new BalancerTuning(0, 1_000_000L, 0, 0, 0, 1e9);

    private static FlowHarness.Finished run(final String toml) throws InterruptedException {
        return FlowHarness.run(toml, null, new RunOptions(-1, 60_000_000_000L).withBalancer(RESTLESS));
    }

    @ParameterizedTest(name = "{0} wait, {1} workers")
    @CsvSource({"sleeping,0", "blocking,2", "yielding,3"})
    void aPassThroughFlowDeliversEveryElementInOrderWhileItsStagesMove(final String wait, final int workers)
        throws Exception {
        final String toml = runtime("shared", wait, workers)
            + node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":24,\"pattern\":\"sequence\"}")
            + node("f1", "builtin:forward", null) + node("f2", "builtin:forward", null)
            + node("f3", "builtin:forward", null)
            + node("out", "builtin:collect", "{\"keep\":" + COUNT + "}")
            + edges("gen", "f1", "f1", "f2", "f2", "f3", "f3", "out");
        try (FlowHarness.Finished f = run(toml)) {
            assertNull(f.summary().outcome());
            assertNotNull(f.run().balancer(), "an unpinned shared flow on several workers is balanced");
            assertTrue(f.run().balancer().probes() > 0, "the stages really moved: " + f.run().balancer());
            final CollectSink sink = (CollectSink) f.run().component("out");
            final List<byte[]> payloads = sink.payloads();
            assertEquals(COUNT, payloads.size());
            for (int i = 0; i < COUNT; i += 997) {
                assertArrayEquals(expectedSequencePayload(i, 24), payloads.get(i), "payload " + i);
            }
            final long[] seqs = sink.sequences();
            for (int i = 0; i < seqs.length; i++) {
                assertEquals(i, seqs[i], "every element once, in order");
            }
            assertEquals(2L * COUNT, f.summary().copies());
            assertTrue(f.summary().poolsFull(), "every buffer back in its pool");
        }
    }

    @Test
    void fanOutAndFanInSurviveMoves() throws Exception {
        final String toml = runtime("shared", "sleeping", 2)
            + node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":16}")
            + node("a", "builtin:forward", null) + node("b", "builtin:forward", null)
            + node("join", "builtin:collect", "{\"keep\":" + 2 * COUNT + "}")
            + edges("gen", "a", "gen", "b", "a", "join", "b", "join");
        try (FlowHarness.Finished f = run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(2L * COUNT, f.summary().elements());
            final long[] seqs = ((CollectSink) f.run().component("join")).sequences();
            Arrays.sort(seqs);
            for (int i = 0; i < COUNT; i++) {
                assertEquals(i, seqs[2 * i]);
                assertEquals(i, seqs[2 * i + 1]);
            }
            assertTrue(f.summary().poolsFull(), "the shared buffer returns exactly once");
        }
    }

    @Test
    void dedicatedOrPlannedLayoutsAndSingleWorkersAreNotBalanced() throws Exception {
        final String flow = node("gen", "builtin:generator", "{\"count\":1000,\"size\":8}")
            + node("sink", "builtin:null", null) + edges("gen", "sink");
        try (FlowHarness.Finished f = run(runtime("dedicated", "sleeping", 0) + flow)) {
            assertNull(f.run().balancer());
            assertEquals(1000, f.summary().elements());
        }
        try (FlowHarness.Finished f = run(runtime("shared", "sleeping", 1) + flow)) {
            assertNull(f.run().balancer());
        }
        try (FlowHarness.Finished f = run(runtime("shared", "sleeping", 2)
            + "[runtime.scheduling]\nplacement = \"planned\"\n" + flow)) {
            assertNull(f.run().balancer(), "placement = planned keeps the planned slices");
            assertEquals(2, f.run().layout().threads().size());
        }
        try (FlowHarness.Finished f = FlowHarness.run(runtime("shared", "sleeping", 2) + flow, null, -1)) {
            assertNull(f.run().balancer(), "no balancer when the run's options ask for none");
            assertFalse(f.run().layout().threads().isEmpty());
        }
    }
}
