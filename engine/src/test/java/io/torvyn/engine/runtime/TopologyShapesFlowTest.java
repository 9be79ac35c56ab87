package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.CollectSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fan-out (one handle on several rings, reference counted) and fan-in (one consumer of several rings). */
class TopologyShapesFlowTest {
    private static final int COUNT = 10_000;

    @ParameterizedTest(name = "{0} mode")
    @CsvSource({"shared,0", "shared,1", "dedicated,0"})
    void fanOutThenFanInDeliversEveryElementOncePerPath(final String mode, final int workers) throws Exception {
        final String toml = "[runtime]\nmode = \"" + mode + "\"\nworker_threads = " + workers + "\n"
            + node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":24}")
            + node("a", "builtin:forward", null) + node("b", "builtin:forward", null)
            + node("c", "builtin:forward", null)
            + node("join", "builtin:collect", "{\"keep\":" + 3 * COUNT + "}")
            + edges("gen", "a", "gen", "b", "gen", "c", "a", "join", "b", "join", "c", "join");
        try (FlowHarness.Finished f = FlowHarness.run(toml, null, -1)) {
            assertNull(f.summary().outcome());
            assertEquals(3L * COUNT, f.summary().elements());
            final long[] seqs = ((CollectSink) f.run().component("join")).sequences();
            Arrays.sort(seqs);
            for (int i = 0; i < COUNT; i++) {
                assertEquals(i, seqs[3 * i]);
                assertEquals(i, seqs[3 * i + 1]);
                assertEquals(i, seqs[3 * i + 2]);
            }
            assertEquals(COUNT, f.node("gen").writes(), "fan-out shares one buffer: one write per element");
            assertEquals(3L * COUNT, f.node("join").reads());
            assertTrue(f.summary().poolsFull(), "the shared buffer returns exactly once");
        }
    }

    @ParameterizedTest(name = "{0} mode")
    @CsvSource({"shared", "dedicated"})
    void twoSourcesFanInToOneSink(final String mode) throws Exception {
        final String toml = "[runtime]\nmode = \"" + mode + "\"\n"
            + node("g1", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":16}")
            + node("g2", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":16,\"pattern\":\"random\"}")
            + node("sink", "builtin:collect", "{\"keep\":" + 2 * COUNT + "}")
            + edges("g1", "sink", "g2", "sink");
        try (FlowHarness.Finished f = FlowHarness.run(toml, null, -1)) {
            assertEquals(2L * COUNT, f.summary().elements());
            final long[] seqs = ((CollectSink) f.run().component("sink")).sequences();
            Arrays.sort(seqs);
            for (int i = 0; i < seqs.length; i++) {
                assertEquals(i, seqs[i], "flow-wide sequences are unique across sources");
            }
            assertTrue(f.summary().poolsFull());
        }
    }
}
