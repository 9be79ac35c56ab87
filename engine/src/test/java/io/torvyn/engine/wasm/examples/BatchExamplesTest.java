package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * batch_uppercase and batch_size_filter driven the way the host drives them: descriptors written per the fixed batch
 * layout by {@link BatchArea}, one call per batch, results read back from the descriptors.
 */
class BatchExamplesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void batchUppercaseMarksEveryElementEmitBytesWithTheUpperCasedPayload(final String engine) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "batch_uppercase", host)) {
            final BatchArea area = new BatchArea(instance, 8, 4096, true);
            area.begin();
            area.add(11, 0, "abc", "text/plain");
            area.add(12, 1, "Hello, World!", "text/plain");
            area.add(13, 2, "", "text/plain");
            area.add(14, 3, "ünïcode ok", "text/plain");

            assertEquals(0, instance.function("torvyn_process_batch").callI32(area.count()));

            for (int i = 0; i < area.count(); i++) {
                assertEquals(2, area.result(i), "EMIT_BYTES for " + i);
                assertEquals(0, area.field(i, BatchArea.OUT_CONTENT_TYPE_PTR), "keeps the input's content type");
            }
            assertEquals(List.of("ABC", "HELLO, WORLD!", "", "üNïCODE OK"),
                List.of(area.out(0), area.out(1), area.out(2), area.out(3)));
            assertEquals(List.of(), host.calls, "no host import per element");

            area.begin();
            area.add(21, 4, "second batch", "text/plain");
            assertEquals(0, instance.function("torvyn_process_batch").callI32(area.count()));
            assertEquals("SECOND BATCH", area.out(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void batchUppercaseHandlesAPayloadFillingMostOfTheStaging(final String engine) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "batch_uppercase", host)) {
            final BatchArea area = new BatchArea(instance, 32, 64 * 1024, true);
            area.begin();
            final String payload = "x".repeat(60_000);
            area.add(1, 0, payload, "text/plain");
            assertEquals(0, instance.function("torvyn_process_batch").callI32(1));
            assertEquals(payload.toUpperCase(), area.out(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void batchSizeFilterDecidesFromDescriptorsWithoutStagedPayloads(final String engine) {
        final ExampleHost host = new ExampleHost().config("{\"max_bytes\":10}");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "batch_size_filter", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final BatchArea area = new BatchArea(instance, 16, 1024, false);
            area.begin();
            area.add(1, 0, "123456789", "text/plain");
            area.add(2, 1, "1234567890", "text/plain");
            area.add(3, 2, "12345678901", "text/plain");
            area.add(4, 3, "", "text/plain");

            assertEquals(0, instance.function("torvyn_evaluate_batch").callI32(area.count()));

            assertEquals(List.of(1, 1, 0, 1), List.of(area.result(0), area.result(1), area.result(2),
                area.result(3)));
            assertEquals(0, area.field(0, BatchArea.PAYLOAD_PTR));
            assertEquals(List.of("config(0)", "config(16)"), host.calls, "only init's config reads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void aBatchAreaTooSmallForTheHeaderIsRefused(final String engine) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "batch_uppercase", host)) {
            assertEquals(-1, instance.function("torvyn_batch_area").callI32(8));
        }
    }
}
