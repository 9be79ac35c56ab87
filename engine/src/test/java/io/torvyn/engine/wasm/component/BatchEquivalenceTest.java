package io.torvyn.engine.wasm.component;

import io.torvyn.engine.runtime.RunSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static io.torvyn.engine.wasm.component.ComponentFlows.node;
import static io.torvyn.engine.wasm.component.ComponentFlows.runtime;
import static io.torvyn.engine.wasm.component.WasmComponentFlowTest.assertSamePayloads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch module and its per-element twin give the same outputs, in the same order, with the same copies, errors and
 * drops: on success, with per-element error kinds (results after a failed element are kept, not recomputed), and
 * when a whole batch call traps (its elements are re-run one by one).
 */
class BatchEquivalenceTest {
    private static final int COUNT = 203;
    private static final String BATCH_16 = "[runtime.scheduling]\nbatch_size = 16";

    private record Outcome(List<byte[]> payloads, RunSummary.NodeSummary node, RunSummary summary, boolean batch) {
    }

    private static Outcome run(final String engine, final String module, final String pattern,
                               final String... runtimeLines) throws Exception {
        final String toml = runtime(engine, runtimeLines) + generator("gen", COUNT, 40, pattern)
            + node("m", "file:" + module, null) + collect("out", COUNT) + edges("gen", "m", "m", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertTrue(f.summary().poolsFull(), module + ": every buffer back in its pool");
            return new Outcome(f.payloads("out"), f.node("m"), f.summary(), f.wasm("m").isBatch());
        }
    }

    private static void assertEquivalent(final Outcome element, final Outcome batch) {
        assertFalse(element.batch());
        assertTrue(batch.batch());
        assertSamePayloads(element.payloads(), batch.payloads());
        assertEquals(element.node().reads(), batch.node().reads(), "reads");
        assertEquals(element.node().writes(), batch.node().writes(), "writes");
        assertEquals(element.node().copyBytes(), batch.node().copyBytes(), "copied bytes");
        assertEquals(element.node().errors(), batch.node().errors(), "errors");
        assertEquals(element.node().elementsOut(), batch.node().elementsOut(), "outputs");
        assertEquals(element.summary().copies(), batch.summary().copies(), "copies of the whole flow");
        assertEquals(element.summary().outcome(), batch.summary().outcome());
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void batchProcessorMatchesItsPerElementTwin(final String engine) throws Exception {
        final Outcome element = run(engine, "upper.wasm", "text", BATCH_16);
        final Outcome batch = run(engine, "upper_batch.wasm", "text", BATCH_16);
        assertNull(batch.summary().outcome());
        assertEquals(COUNT, batch.payloads().size());
        assertEquals(COUNT, batch.node().reads(), "staging is the read copy");
        assertEquals(COUNT, batch.node().writes(), "emitted bytes are the write copy");
        assertEquals(4L * COUNT, batch.summary().copies());
        assertEquivalent(element, batch);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void batchMetadataOnlyFilterMatchesItsPerElementTwin(final String engine) throws Exception {
        final String[] outcomes = new String[2];
        final long[] received = new long[2];
        final long[] filterCopies = new long[2];
        final long[] flowCopies = new long[2];
        final String[] modules = {"size_filter.wasm", "size_filter_batch.wasm"};
        for (int m = 0; m < 2; m++) {
            final String toml = runtime(engine, BATCH_16) + generator("small", COUNT, 16, "sequence")
                + generator("big", COUNT, 64, "sequence") + node("size", "file:" + modules[m], null)
                + collect("out", 2 * COUNT) + edges("small", "size", "big", "size", "size", "out");
            try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
                outcomes[m] = String.valueOf(f.summary().outcome());
                received[m] = f.received("out");
                filterCopies[m] = f.node("size").copies();
                flowCopies[m] = f.summary().copies();
                assertEquals(m == 1, f.wasm("size").isBatch());
                assertTrue(f.summary().poolsFull());
            }
        }
        assertEquals("null", outcomes[1]);
        assertEquals(COUNT, received[1]);
        assertEquals(received[0], received[1]);
        assertEquals(0, filterCopies[1], "metadata-only: nothing staged");
        assertEquals(filterCopies[0], filterCopies[1]);
        assertEquals(flowCopies[0], flowCopies[1]);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void perElementErrorKindsSkipTheSameElements(final String engine) throws Exception {
        final Outcome element = run(engine, "reject.wasm", "sequence", "error_policy = \"skip-element\"", BATCH_16);
        final Outcome batch = run(engine, "reject_batch.wasm", "sequence", "error_policy = \"skip-element\"",
            BATCH_16);
        final int failing = COUNT / 4;
        assertEquals(COUNT - failing, batch.payloads().size());
        assertEquals(failing, batch.node().errors());
        assertEquals(COUNT, batch.node().reads(), "the results after a failed element are kept, not staged again");
        assertEquivalent(element, batch);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void retriesAreCountedTheSameWay(final String engine) throws Exception {
        final Outcome element = run(engine, "reject.wasm", "sequence", "error_policy = \"retry:2\"", BATCH_16);
        final Outcome batch = run(engine, "reject_batch.wasm", "sequence", "error_policy = \"retry:2\"", BATCH_16);
        final int failing = COUNT / 4;
        assertEquals(COUNT - failing, batch.payloads().size());
        assertEquals(3L * failing, batch.node().errors(), "one try and two retries per failing element");
        assertEquals(COUNT + 2L * failing, batch.node().reads(), "each retry reads (stages) the element again");
        assertEquivalent(element, batch);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aTrappingBatchIsReRunOneByOneSoOnlyTheCulpritIsSkipped(final String engine) throws Exception {
        final Outcome element = run(engine, "trap_nth.wasm", "sequence", "error_policy = \"skip-element\"", BATCH_16);
        final Outcome batch = run(engine, "trap_nth_batch.wasm", "sequence", "error_policy = \"skip-element\"",
            BATCH_16);
        final int failing = COUNT / 4;
        assertEquals(COUNT - failing, batch.payloads().size());
        assertEquals(failing, batch.node().errors());
        assertEquivalent(element, batch);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void batchSourceMatchesItsPerElementTwin(final String engine) throws Exception {
        final String[] modules = {"numbers.wasm", "numbers_batch.wasm"};
        final List<List<byte[]>> payloads = new java.util.ArrayList<>();
        final long[] writes = new long[2];
        for (int m = 0; m < 2; m++) {
            final String toml = runtime(engine, BATCH_16) + node("src", "file:" + modules[m], null)
                + collect("out", 1000) + edges("src", "out");
            try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
                assertNull(f.summary().outcome());
                assertEquals(io.torvyn.engine.topology.Role.SOURCE, f.node("src").role());
                assertEquals(m == 1, f.wasm("src").isBatch());
                payloads.add(f.payloads("out"));
                writes[m] = f.node("src").writes();
                assertTrue(f.summary().poolsFull());
            }
        }
        assertEquals(250, payloads.get(1).size());
        for (int i = 0; i < 250; i++) {
            assertEquals(i, WasmComponentFlowTest.littleEndianLong(payloads.get(1).get(i)));
        }
        assertSamePayloads(payloads.get(0), payloads.get(1));
        assertEquals(250, writes[1], "one write copy per output");
        assertEquals(writes[0], writes[1]);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void batchSinkMatchesItsPerElementTwin(final String engine) throws Exception {
        final String[] modules = {"check_sink.wasm", "check_sink_batch.wasm"};
        final long[] reads = new long[2];
        final long[] bytes = new long[2];
        for (int m = 0; m < 2; m++) {
            final String toml = runtime(engine, BATCH_16) + "[[component]]\nname = \"checker\"\npath = \""
                + modules[m] + "\"\nconfig = \"" + COUNT + "\"\n" + generator("gen", COUNT, 48, "sequence")
                + node("sink", "checker", null) + edges("gen", "sink");
            try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
                assertNull(f.summary().outcome(), "torvyn_complete saw every element");
                assertEquals(COUNT, f.summary().elements());
                assertEquals(0, f.node("sink").errors());
                assertEquals(m == 1, f.wasm("sink").isBatch());
                reads[m] = f.node("sink").reads();
                bytes[m] = f.node("sink").copyBytes();
                assertTrue(f.summary().poolsFull());
            }
        }
        assertEquals(COUNT, reads[1]);
        assertEquals(reads[0], reads[1]);
        assertEquals(bytes[0], bytes[1]);
    }
}
