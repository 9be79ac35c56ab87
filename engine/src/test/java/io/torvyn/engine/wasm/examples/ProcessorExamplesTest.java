package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** passthrough, uppercase and redact called through their exports against {@link ExampleHost}. */
class ProcessorExamplesTest {

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void passthroughReturnsItsInputWithoutTouchingTheHost(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        final int in = host.input("anything", "text/plain");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "passthrough", host)) {
            assertEquals(in, instance.function("torvyn_process").callI32(in));
            assertEquals(List.of(), host.calls);
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void uppercaseWritesANewBufferWithTheInputsContentType(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        final int in = host.input("Hello, wörld 42 {\"a\":\"z\"}", "text/plain; charset=utf-8");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "uppercase", host)) {
            final int out = instance.function("torvyn_process").callI32(in);

            assertTrue(out > 0, "handle " + out);
            assertNotEquals(in, out);
            assertEquals("HELLO, WöRLD 42 {\"A\":\"Z\"}", host.text(out));
            assertEquals("text/plain; charset=utf-8", host.buffer(out).contentType);
            assertEquals("Hello, wörld 42 {\"a\":\"z\"}", host.text(in), "the borrowed input is unchanged");
            assertEquals(List.of(out), host.owned(), "only the returned buffer is owned");
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void uppercaseGrowsItsMemoryForLargePayloadsAndKeepsWorkingAfterwards(final String engine,
                                                                         final String language) {
        final ExampleHost host = new ExampleHost();
        final byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        final int large = host.input(big, "text/plain");
        final int small = host.input("ok", "text/plain");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "uppercase", host)) {
            final WasmFunction process = instance.function("torvyn_process");
            final int out = process.callI32(large);
            final byte[] expected = new String(big, StandardCharsets.US_ASCII).toUpperCase()
                .getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(expected, host.buffer(out).payload);
            assertTrue(instance.memory().size() > big.length);
            assertEquals("OK", host.text(process.callI32(small)));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void uppercaseReturnsTheHostsErrorForAStaleHandle(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        try (WasmInstance instance = ExampleModules.instance(engine, language, "uppercase", host)) {
            assertEquals(ExampleHost.STALE_HANDLE, instance.function("torvyn_process").callI32(77));
            assertEquals(List.of(), host.owned());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void redactReplacesTheConfiguredFieldOnEveryLine(final String engine) {
        final ExampleHost host = new ExampleHost().config("{\"field\":\"email\"}");
        final String input = "{\"user\":\"ann\",\"email\":\"ann@example.com\",\"n\":1}\n"
            + "{\"email\" : \"b\\\"ob@example.com\", \"note\":\"email\"}\n"
            + "{\"email\":\"\"}";
        final int in = host.input(input, "application/x-ndjson");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "redact", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final int out = instance.function("torvyn_process").callI32(in);

            assertEquals("{\"user\":\"ann\",\"email\":\"***\",\"n\":1}\n"
                + "{\"email\" : \"***\", \"note\":\"email\"}\n"
                + "{\"email\":\"***\"}", host.text(out));
            assertEquals("application/x-ndjson", host.buffer(out).contentType);
            assertEquals(input, host.text(in));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void redactForwardsAnElementWithoutTheFieldWithoutAllocating(final String engine) {
        final ExampleHost host = new ExampleHost().config("{\"field\":\"user\"}");
        final int without = host.input("{\"email\":\"x@y.z\"}", "application/json");
        final int with = host.input("{\"user\":\"x\",\"email\":\"x@y.z\"}", "application/json");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "redact", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction process = instance.function("torvyn_process");

            assertEquals(without, process.callI32(without));
            assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("buffer_alloc")), host.calls.toString());
            assertEquals("{\"user\":\"***\",\"email\":\"x@y.z\"}", host.text(process.callI32(with)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void redactDefaultsToEmailAndRefusesAConfigWithoutTheField(final String engine) {
        final ExampleHost defaults = new ExampleHost();
        final int in = defaults.input("{\"email\":\"a@b.c\"}", "application/json");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "redact", defaults)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            assertEquals("{\"email\":\"***\"}", defaults.text(instance.function("torvyn_process").callI32(in)));
        }
        final ExampleHost wrong = new ExampleHost().config("{\"fields\":[\"email\"]}");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "redact", wrong)) {
            assertEquals(-5, instance.function("torvyn_init").callI32());
            assertEquals(1, wrong.failures.size());
            assertTrue(wrong.failures.get(0).startsWith("-5: redact: config needs"), wrong.failures.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#engines")
    void redactHandlesManyFieldsInALargePayload(final String engine) {
        final ExampleHost host = new ExampleHost().config("{\"field\":\"e\"}");
        final StringBuilder input = new StringBuilder();
        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            input.append("{\"e\":\"\"}\n");
            expected.append("{\"e\":\"***\"}\n");
        }
        final int in = host.input(input.toString(), "application/x-ndjson");
        try (WasmInstance instance = ExampleModules.instance(engine, ExampleModules.C, "redact", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final byte[] out = host.buffer(instance.function("torvyn_process").callI32(in)).payload;
            assertEquals(expected.toString(), new String(out, StandardCharsets.UTF_8));
        }
    }
}
