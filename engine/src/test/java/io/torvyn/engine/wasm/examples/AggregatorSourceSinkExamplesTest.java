package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** counter, sequence_source and stats_sink: the roles that produce or consume elements on their own schedule. */
class AggregatorSourceSinkExamplesTest {

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void counterEmitsTheCountSinceTheLastFlushAsText(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, language, "counter", host)) {
            final WasmFunction ingest = instance.function("torvyn_ingest");
            final WasmFunction flush = instance.function("torvyn_flush");
            for (int i = 0; i < 12; i++) {
                assertEquals(0, ingest.callI32(host.input("element " + i, "text/plain")));
            }
            assertEquals(1, flush.callI32());
            for (int i = 0; i < 3; i++) {
                ingest.callI32(host.input("more", "text/plain"));
            }
            assertEquals(1, flush.callI32());
            assertEquals(0, flush.callI32(), "nothing new since the last flush");

            assertEquals(2, host.emitted.size());
            assertEquals("12", host.text(host.emitted.get(0).handle()));
            assertEquals("3", host.text(host.emitted.get(1).handle()));
            assertEquals(-1, host.emitted.get(0).port());
            assertEquals("text/plain", host.buffer(host.emitted.get(0).handle()).contentType);
            assertEquals(List.of(), host.owned(), "emitted buffers belong to the host");
            assertEquals(0, host.calls.stream().filter(c -> c.startsWith("buffer_read")).count());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void counterReportsZeroForAnEmptyStream(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, language, "counter", host)) {
            assertEquals(1, instance.function("torvyn_flush").callI32());
            assertEquals("0", host.text(host.emitted.get(0).handle()));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void sequenceSourceEmitsCountElementsThenEndsTheStream(final String engine, final String language) {
        final ExampleHost host = new ExampleHost().config("{\"count\":12}");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "sequence_source", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction pull = instance.function("torvyn_pull");
            final List<String> texts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                final int handle = pull.callI32();
                texts.add(host.text(handle));
                assertEquals("text/plain", host.buffer(handle).contentType);
            }
            assertEquals(-6, pull.callI32());
            assertEquals(-6, pull.callI32());
            assertEquals("element 0", texts.get(0));
            assertEquals("element 11", texts.get(11));
            assertEquals(12, texts.stream().distinct().count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void sequenceSourceInCTakesAPrefixFromConfig(final String engine) {
        final ExampleHost host = new ExampleHost().config("{\"count\":2,\"prefix\":\"tick\"}");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "sequence_source", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction pull = instance.function("torvyn_pull");
            assertEquals("tick 0", host.text(pull.callI32()));
            assertEquals("tick 1", host.text(pull.callI32()));
            assertEquals(-6, pull.callI32());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void statsSinkCountsElementsAndBytesAndLogsThemAtCompletion(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, language, "stats_sink", host)) {
            final WasmFunction push = instance.function("torvyn_push");
            assertEquals(0, push.callI32(host.input("abc", "text/plain")));
            assertEquals(0, push.callI32(host.input("hello", "text/plain")));
            assertEquals(0, push.callI32(host.input("", "text/plain")));
            assertEquals(ExampleHost.STALE_HANDLE, push.callI32(999));
            assertEquals(0, instance.function("torvyn_complete").callI32());

            assertEquals(List.of(new ExampleHost.LogLine(2, "received 3 elements, 8 bytes")), host.logs);
            assertEquals(0, host.calls.stream().filter(c -> c.startsWith("buffer_read")).count());
        }
    }
}
