package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.CollectSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generator → forward ×3 → sink: exactly the input arrives, in order, and only the source and sink copy. */
class PassThroughFlowTest {
    private static final int COUNT = 20_000;

    @ParameterizedTest(name = "{0} mode, {1} wait, {2} workers")
    @CsvSource({"shared,sleeping,0", "shared,yielding,1", "shared,blocking,3", "dedicated,sleeping,0",
        "dedicated,blocking,0"})
    void deliversEveryElementInOrderWithOneCopyEachSide(final String mode, final String wait, final int workers)
        throws Exception {
        final String toml = runtime(mode, wait, workers)
            + node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":48,\"pattern\":\"sequence\"}")
            + node("f1", "builtin:forward", null) + node("f2", "builtin:forward", null)
            + node("f3", "builtin:forward", null)
            + node("out", "builtin:collect", "{\"keep\":" + COUNT + "}")
            + edges("gen", "f1", "f1", "f2", "f2", "f3", "f3", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, null, -1)) {
            final RunSummary s = f.summary();
            assertNull(s.outcome());
            assertEquals(COUNT, s.elements());
            final CollectSink sink = (CollectSink) f.run().component("out");
            final List<byte[]> payloads = sink.payloads();
            assertEquals(COUNT, payloads.size());
            for (int i = 0; i < COUNT; i++) {
                assertArrayEquals(expectedSequencePayload(i, 48), payloads.get(i), "payload " + i);
            }
            final long[] seqs = sink.sequences();
            for (int i = 1; i < seqs.length; i++) {
                assertTrue(seqs[i] > seqs[i - 1], "sequences must arrive in order");
            }
            assertEquals(COUNT, f.node("gen").writes());
            assertEquals(0, f.node("gen").reads());
            assertEquals(0, f.node("f1").copies());
            assertEquals(0, f.node("f2").copies());
            assertEquals(0, f.node("f3").copies());
            assertEquals(COUNT, f.node("out").reads());
            assertEquals(2L * COUNT, s.copies());
            assertEquals(2L * COUNT * 48, s.copyBytes());
            assertTrue(s.poolsFull(), "every buffer back in its pool");
        }
    }

    @ParameterizedTest(name = "{0} mode")
    @CsvSource({"shared", "dedicated"})
    void nullSinkFlowCostsOneCopyPerElement(final String mode) throws Exception {
        final String toml = runtime(mode, "sleeping", 0)
            + node("gen", "builtin:generator", "{\"count\":50000,\"size\":64}")
            + node("f1", "builtin:forward", null) + node("f2", "builtin:forward", null)
            + node("f3", "builtin:forward", null) + node("sink", "builtin:null", null)
            + edges("gen", "f1", "f1", "f2", "f2", "f3", "f3", "sink");
        try (FlowHarness.Finished f = FlowHarness.run(toml, null, -1)) {
            assertEquals(50_000, f.summary().elements());
            assertEquals(50_000, f.summary().copies());
            assertEquals(50_000L * 64, f.summary().copyBytes());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"1", "777", "10000"})
    void limitStopsTheSourcesAfterExactlyNElements(final long limit) throws Exception {
        final String toml = node("gen", "builtin:generator", "{\"size\":16}")
            + node("f", "builtin:forward", null) + node("sink", "builtin:null", null)
            + edges("gen", "f", "f", "sink");
        try (FlowHarness.Finished f = FlowHarness.run(toml, null, limit)) {
            assertNull(f.summary().outcome());
            assertEquals(limit, f.summary().elements());
            assertTrue(f.summary().poolsFull());
        }
    }

    static byte[] expectedSequencePayload(final long index, final int size) {
        final ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) i);
        }
        b.putLong(0, index);
        return b.array();
    }

    static String runtime(final String mode, final String wait, final int workers) {
        return "[runtime]\nmode = \"" + mode + "\"\nwait_strategy = \"" + wait + "\"\nworker_threads = " + workers
            + "\n";
    }
}
