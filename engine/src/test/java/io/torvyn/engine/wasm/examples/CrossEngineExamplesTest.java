package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same scenario on both engines gives the same results and the same sequence of host import calls: the engines
 * are interchangeable per node only if components cannot tell them apart.
 */
class CrossEngineExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"c/uppercase", "wat/uppercase", "c/redact", "c/size_filter", "wat/size_filter",
        "c/content_router", "wat/content_router", "c/counter", "wat/counter", "c/sequence_source",
        "wat/sequence_source", "c/stats_sink", "wat/stats_sink", "c/passthrough", "wat/passthrough"})
    void bothEnginesGiveIdenticalTranscripts(final String example) {
        final List<String> chicory = transcript("chicory", example);
        final List<String> wasmtime = transcript("wasmtime", example);
        assertEquals(chicory, wasmtime);
    }

    /** Runs every export the example has over a fixed set of inputs and records results, calls, outputs and logs. */
    private static List<String> transcript(final String engine, final String example) {
        final String[] parts = example.split("/");
        final ExampleHost host = new ExampleHost().config("{\"field\":\"email\",\"max_bytes\":20,\"count\":3}");
        final List<Integer> inputs = List.of(
            host.input("{\"email\":\"a@b.c\",\"v\":1}", "application/json"),
            host.input("plain text line", "text/plain"),
            host.input("", "application/octet-stream"),
            host.input("x".repeat(5000), "text/plain"));
        final List<String> out = new ArrayList<>();
        try (WasmInstance instance = ExampleModules.instance(engine, parts[0], parts[1], host)) {
            call(instance, "torvyn_init", out);
            for (final String role : List.of("torvyn_process", "torvyn_evaluate", "torvyn_route", "torvyn_ingest",
                "torvyn_push")) {
                final WasmFunction f = instance.function(role);
                if (f != null) {
                    for (final int in : inputs) {
                        final int result = f.callI32(in);
                        out.add(role + "(" + in + ") = " + result + describe(host, result));
                    }
                }
            }
            for (int i = 0; i < 5; i++) {
                call(instance, "torvyn_pull", out);
            }
            call(instance, "torvyn_flush", out);
            call(instance, "torvyn_complete", out);
        }
        out.addAll(host.calls);
        host.emitted.forEach(e -> out.add("emitted " + host.text(e.handle()) + " on " + e.port()));
        host.logs.forEach(l -> out.add("log " + l));
        return out;
    }

    private static void call(final WasmInstance instance, final String export, final List<String> out) {
        final WasmFunction f = instance.function(export);
        if (f != null) {
            out.add(export + "() = " + f.callI32());
        }
    }

    private static String describe(final ExampleHost host, final int result) {
        final ExampleHost.Buffer buffer = host.buffers.get(result);
        return buffer == null ? "" : " -> " + buffer.text().length() + " bytes, " + buffer.text().hashCode();
    }
}
