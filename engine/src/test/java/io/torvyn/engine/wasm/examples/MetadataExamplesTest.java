package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** size_filter and content_router decide on metadata alone: right decisions, and never a payload read. */
class MetadataExamplesTest {

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void sizeFilterPassesUpToTheConfiguredThresholdInclusive(final String engine, final String language) {
        final ExampleHost host = new ExampleHost().config("{\"max_bytes\":10}");
        final int empty = host.input("", "text/plain");
        final int nine = host.input("123456789", "text/plain");
        final int ten = host.input("1234567890", "text/plain");
        final int eleven = host.input("12345678901", "text/plain");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "size_filter", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction evaluate = instance.function("torvyn_evaluate");

            assertEquals(List.of(1, 1, 1, 0), List.of(evaluate.callI32(empty), evaluate.callI32(nine),
                evaluate.callI32(ten), evaluate.callI32(eleven)));
            assertEquals(ExampleHost.STALE_HANDLE, evaluate.callI32(4242));
            assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("buffer_read")), host.calls.toString());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void sizeFilterDefaultsTo1024BytesWithoutConfig(final String engine, final String language) {
        final ExampleHost host = new ExampleHost();
        final int atLimit = host.input("x".repeat(1024), "text/plain");
        final int over = host.input("x".repeat(1025), "text/plain");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "size_filter", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction evaluate = instance.function("torvyn_evaluate");
            assertEquals(1, evaluate.callI32(atLimit));
            assertEquals(0, evaluate.callI32(over));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void contentRouterSendsMatchingTypesToPortZeroAndTheRestToPortOne(final String engine, final String language) {
        final ExampleHost host = new ExampleHost().config("{\"prefix\":\"application/json\"}");
        final int json = host.input("{}", "application/json");
        final int jsonUtf8 = host.input("{}", "application/json; charset=utf-8");
        final int text = host.input("hi", "text/plain");
        final int shorter = host.input("{}", "application/js");
        final int none = host.input("?", null);
        try (WasmInstance instance = ExampleModules.instance(engine, language, "content_router", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction route = instance.function("torvyn_route");

            assertEquals(List.of(1, 1, 2, 2, 2), List.of(route.callI32(json), route.callI32(jsonUtf8),
                route.callI32(text), route.callI32(shorter), route.callI32(none)));
            assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("buffer_read")), host.calls.toString());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("io.torvyn.engine.wasm.examples.ExampleModules#twins")
    void contentRouterTakesItsPrefixFromConfig(final String engine, final String language) {
        final ExampleHost host = new ExampleHost().config("{\"prefix\":\"text/\"}");
        final int csv = host.input("a,b", "text/csv");
        final int json = host.input("{}", "application/json");
        try (WasmInstance instance = ExampleModules.instance(engine, language, "content_router", host)) {
            assertEquals(0, instance.function("torvyn_init").callI32());
            final WasmFunction route = instance.function("torvyn_route");
            assertEquals(1, route.callI32(csv));
            assertEquals(2, route.callI32(json));
        }
    }
}
