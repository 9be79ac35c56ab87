package io.torvyn.engine.wasm.component;

import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.engine.topology.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static io.torvyn.engine.wasm.component.ComponentFlows.node;
import static io.torvyn.engine.wasm.component.ComponentFlows.runtime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real flows through Wasm components of every role, on both engines: results, roles and the copy ledger. */
class WasmComponentFlowTest {
    private static final int COUNT = 300;

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void passThroughForwardsHandlesWithZeroCopies(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("gen", COUNT, 48, "sequence")
            + node("pass", "file:passthrough.wasm", null) + collect("out", COUNT) + edges("gen", "pass", "pass", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            final RunSummary s = f.summary();
            assertNull(s.outcome());
            assertEquals(COUNT, f.received("out"));
            assertEquals(Role.PROCESSOR, f.node("pass").role());
            assertEquals(0, f.node("pass").copies());
            assertEquals(2L * COUNT, s.copies(), "one write at the source, one read at the sink");
            assertEquals(1, f.wasm("pass").instantiations());
            assertTrue(s.poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void uppercaseProcessorCostsExactlyFourCopiesPerElement(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("gen", COUNT, 40, "text")
            + node("up", "file:upper.wasm", null) + collect("out", COUNT) + edges("gen", "up", "up", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            final RunSummary s = f.summary();
            assertNull(s.outcome());
            final List<byte[]> payloads = f.payloads("out");
            assertEquals(COUNT, payloads.size());
            for (int i = 0; i < COUNT; i++) {
                final String text = new String(payloads.get(i), StandardCharsets.US_ASCII);
                assertTrue(text.startsWith("ELEMENT " + i + " "), text);
                assertTrue(text.chars().anyMatch(c -> c >= 'A' && c <= 'Z' && c != 'E'), text);
                assertEquals(text.toUpperCase(Locale.ROOT), text);
            }
            assertEquals(COUNT, f.node("up").reads());
            assertEquals(COUNT, f.node("up").writes());
            assertEquals(4L * COUNT, s.copies(), "source write, processor read + write, sink read");
            assertEquals(4L * COUNT * 40, s.copyBytes());
            assertEquals(0, f.node("up").leaked());
            assertTrue(s.poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void metadataOnlySizeFilterCopiesNothing(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("small", COUNT, 16, "sequence")
            + generator("big", COUNT, 64, "sequence") + node("size", "file:size_filter.wasm", null)
            + collect("out", 2 * COUNT) + edges("small", "size", "big", "size", "size", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(Role.FILTER, f.node("size").role());
            assertEquals(COUNT, f.received("out"));
            for (final byte[] p : f.payloads("out")) {
                assertEquals(16, p.length);
            }
            assertEquals(0, f.node("size").copies());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void contentTypeRouterSendsEachElementToItsPortWithZeroCopies(final String engine) throws Exception {
        final String toml = runtime(engine)
            + node("texts", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":24,\"content_type\":"
                + "\"text/plain\",\"pattern\":\"text\"}")
            + node("blobs", "builtin:generator", "{\"count\":" + (COUNT / 2) + ",\"size\":32,\"pattern\":\"random\"}")
            + node("route", "file:ct_router.wasm", null, "ports = [\"text\", \"other\"]")
            + collect("t", COUNT) + collect("o", COUNT)
            + "[[flow.main.edges]]\nfrom = \"texts\"\nto = \"route\"\n"
            + "[[flow.main.edges]]\nfrom = \"blobs\"\nto = \"route\"\n"
            + "[[flow.main.edges]]\nfrom = \"route:text\"\nto = \"t\"\n"
            + "[[flow.main.edges]]\nfrom = \"route:other\"\nto = \"o\"\n";
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(Role.ROUTER, f.node("route").role());
            assertEquals(COUNT, f.received("t"));
            assertEquals(COUNT / 2, f.received("o"));
            for (final byte[] p : f.payloads("t")) {
                assertEquals(24, p.length);
            }
            for (final byte[] p : f.payloads("o")) {
                assertEquals(32, p.length);
            }
            assertEquals(0, f.node("route").copies());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void countingAggregatorFlushesAtEndOfStream(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("gen", COUNT, 16, "sequence")
            + node("count", "file:counter.wasm", null) + collect("out", 10) + edges("gen", "count", "count", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(Role.AGGREGATOR, f.node("count").role());
            final List<byte[]> payloads = f.payloads("out");
            assertEquals(1, payloads.size());
            assertEquals(COUNT, littleEndianLong(payloads.get(0)));
            assertEquals(1, f.node("count").writes());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aggregatorAlsoFlushesEveryFlushEveryElements(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("gen", 250, 16, "sequence")
            + node("count", "file:counter.wasm", null, "flush_every = 100") + collect("out", 10)
            + edges("gen", "count", "count", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            final List<byte[]> payloads = f.payloads("out");
            assertEquals(3, payloads.size());
            assertEquals(100, littleEndianLong(payloads.get(0)));
            assertEquals(100, littleEndianLong(payloads.get(1)));
            assertEquals(50, littleEndianLong(payloads.get(2)));
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void watSinkReadsItsConfigChecksEveryElementAndCompletes(final String engine) throws Exception {
        final String toml = runtime(engine) + "[[component]]\nname = \"checker\"\npath = \"check_sink.wat\"\n"
            + "config = \"" + COUNT + "\"\n"
            + generator("gen", COUNT, 48, "sequence") + node("sink", "checker", null) + edges("gen", "sink");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome(), "torvyn_complete saw exactly the configured count");
            assertEquals(Role.SINK, f.node("sink").role());
            assertEquals(COUNT, f.summary().elements());
            assertEquals(0, f.node("sink").errors());
            assertEquals(COUNT, f.node("sink").reads());
            assertEquals(48L * COUNT, f.node("sink").copyBytes());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aSinkWhoseCompleteFailsFailsTheFlow(final String engine) throws Exception {
        final String toml = runtime(engine) + "[[component]]\nname = \"checker\"\npath = \"check_sink.wasm\"\n"
            + "config = \"" + (COUNT + 1) + "\"\n"
            + generator("gen", COUNT, 48, "sequence") + node("sink", "checker", null) + edges("gen", "sink");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertEquals("E0405", f.summary().outcome().code().name());
            assertTrue(f.summary().outcome().message().contains("torvyn_complete"));
            assertEquals(COUNT, f.summary().elements());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void leakedAllocationsAreReclaimedAndCountedWithoutAnError(final String engine) throws Exception {
        final String toml = runtime(engine) + generator("gen", COUNT, 16, "sequence")
            + node("leaky", "file:leak.wasm", null) + collect("out", COUNT) + edges("gen", "leaky", "leaky", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(COUNT, f.received("out"));
            assertEquals(COUNT, f.node("leaky").leaked());
            assertEquals(0, f.node("leaky").errors());
            assertTrue(f.summary().poolsFull(), "every leaked buffer went back to its pool");
        }
    }

    @org.junit.jupiter.api.Test
    void nodesMayRunOnDifferentEnginesInOneFlow() throws Exception {
        final String toml = runtime("chicory") + generator("gen", COUNT, 40, "text")
            + node("up", "file:upper.wat", null, "engine = \"wasmtime\"") + node("pass", "file:passthrough.wasm", null)
            + collect("out", COUNT) + edges("gen", "up", "up", "pass", "pass", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals("wasmtime", f.wasm("up").module().module().engineName());
            assertEquals("chicory", f.wasm("pass").module().module().engineName());
            assertEquals(COUNT, f.received("out"));
            for (final byte[] p : f.payloads("out")) {
                final String text = new String(p, StandardCharsets.US_ASCII);
                assertEquals(text.toUpperCase(Locale.ROOT), text);
            }
            assertEquals(4L * COUNT, f.summary().copies());
            assertTrue(f.summary().poolsFull());
        }
    }

    static long littleEndianLong(final byte[] bytes) {
        assertEquals(8, bytes.length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static void assertSamePayloads(final List<byte[]> expected, final List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "payload " + i);
        }
    }
}
