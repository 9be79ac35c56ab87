package io.torvyn.engine.wasm.component;

import io.torvyn.engine.runtime.RunSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static io.torvyn.engine.wasm.component.ComponentFlows.node;
import static io.torvyn.engine.wasm.component.ComponentFlows.runtime;
import static io.torvyn.engine.wasm.component.WasmComponentFlowTest.assertSamePayloads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metered batch nodes call their batch export through the argument-free twin (the count read from the batch area
 * header), and every role gives the same outputs, counts, errors and fuel as through the one-argument twin. Fuel is
 * compared with one element per call, where the number of calls does not depend on timing.
 */
class BatchTwinFlowTest {
    private static final int COUNT = 203;
    private static final String FUEL = "fuel_per_invocation = 1_000_000";
    private static final Path EXAMPLES = examples();

    private record Outcome(List<byte[]> payloads, RunSummary.NodeSummary node, RunSummary summary,
                           long argumentFreeCalls) {
    }

    /** Runs {@code toml}, whose batch node is "m", with or without the argument-free twin. */
    private static Outcome run(final String toml, final boolean twin, final boolean collects) throws Exception {
        try (ComponentFlows.Finished f = ComponentFlows.run(toml,
            run -> ((WasmComponent) run.component("m")).useBatchTwin(twin))) {
            assertTrue(f.wasm("m").isBatch());
            assertTrue(f.summary().poolsFull(), "every buffer back in its pool");
            return new Outcome(collects ? f.payloads("out") : List.of(), f.node("m"), f.summary(),
                f.wasm("m").argumentFreeBatchCalls());
        }
    }

    /** Runs {@code toml} through both twins and checks they agree; returns the argument-free run. */
    private static Outcome assertBothTwinsAgree(final String toml, final boolean collects, final boolean exactFuel)
        throws Exception {
        final Outcome argument = run(toml, false, collects);
        final Outcome noArgument = run(toml, true, collects);
        assertEquals(0, argument.argumentFreeCalls());
        assertTrue(noArgument.argumentFreeCalls() > 0, "the argument-free twin was used");
        assertSamePayloads(argument.payloads(), noArgument.payloads());
        assertEquals(argument.summary().outcome(), noArgument.summary().outcome());
        assertEquals(argument.summary().elements(), noArgument.summary().elements(), "elements");
        assertEquals(argument.summary().copies(), noArgument.summary().copies(), "copies of the whole flow");
        assertEquals(argument.node().elementsOut(), noArgument.node().elementsOut(), "outputs");
        assertEquals(argument.node().errors(), noArgument.node().errors(), "errors");
        assertEquals(argument.node().reads(), noArgument.node().reads(), "reads");
        assertEquals(argument.node().writes(), noArgument.node().writes(), "writes");
        assertTrue(noArgument.node().fuel() > 0, "metered");
        if (exactFuel) {
            assertEquals(argument.node().fuel(), noArgument.node().fuel(), "fuel");
        }
        return noArgument;
    }

    private static String scheduling(final int batchSize) {
        return "[runtime.scheduling]\nbatch_size = " + batchSize;
    }

    /** gen (COUNT elements of 40 bytes) -> m -> out. */
    private static String transform(final String engine, final String module, final int batchSize,
                                    final String errorPolicy) {
        return runtime(engine, FUEL, errorPolicy, scheduling(batchSize)) + generator("gen", COUNT, 40, "sequence")
            + node("m", "file:" + module, null) + collect("out", COUNT) + edges("gen", "m", "m", "out");
    }

    /** small (COUNT elements of 16 bytes) and big (COUNT of 64) -> m -> out: the filters pass exactly the small. */
    private static String mixedSizes(final String engine, final String module, final int batchSize) {
        return runtime(engine, FUEL, scheduling(batchSize)) + generator("small", COUNT, 16, "sequence")
            + generator("big", COUNT, 64, "sequence") + node("m", "file:" + module, "{\"max_bytes\":32}")
            + collect("out", 2 * COUNT) + edges("small", "m", "big", "m", "m", "out");
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void processorsAndFiltersGiveTheSameOutputsAndFuel(final String engine) throws Exception {
        final List<String> processors = List.of("upper_batch.wasm", example("batch_uppercase.wasm"));
        final List<String> filters = List.of("size_filter_batch.wasm", example("batch_size_filter.wasm"));
        for (final String module : processors) {
            final Outcome one = assertBothTwinsAgree(transform(engine, module, 1, ""), true, true);
            assertEquals(COUNT, one.argumentFreeCalls(), module + ": one call per element");
            assertEquals(COUNT, one.payloads().size());
            assertBothTwinsAgree(transform(engine, module, 16, ""), true, false);
        }
        for (final String module : filters) {
            for (final int batchSize : new int[] {1, 16}) {
                final Outcome filtered = assertBothTwinsAgree(mixedSizes(engine, module, batchSize), false,
                    batchSize == 1);
                assertEquals(COUNT, filtered.node().elementsOut(), module + ": the small ones pass");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void errorKindsAndWholeBatchTrapsAreHandledTheSameWay(final String engine) throws Exception {
        final String skip = "error_policy = \"skip-element\"";
        final Outcome rejected = assertBothTwinsAgree(transform(engine, "reject_batch.wasm", 16, skip), true, false);
        assertEquals(COUNT / 4, rejected.node().errors());
        assertBothTwinsAgree(transform(engine, "reject_batch.wasm", 1, skip), true, true);
        final Outcome trapped = assertBothTwinsAgree(transform(engine, "trap_nth_batch.wasm", 16, skip), true,
            false);
        assertEquals(COUNT / 4, trapped.node().errors());
        assertEquals(COUNT - COUNT / 4, trapped.payloads().size());
        assertBothTwinsAgree(transform(engine, "trap_nth_batch.wasm", 1, skip), true, true);
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void sourceAndSinkGiveTheSameResults(final String engine) throws Exception {
        for (final int batchSize : new int[] {1, 16}) {
            final String scheduling = scheduling(batchSize);
            final Outcome source = assertBothTwinsAgree(runtime(engine, FUEL, scheduling)
                + node("m", "file:numbers_batch.wasm", null) + collect("out", 1000) + edges("m", "out"), true,
                batchSize == 1);
            assertNull(source.summary().outcome());
            assertEquals(250, source.payloads().size());

            final Outcome sink = assertBothTwinsAgree(runtime(engine, FUEL, scheduling)
                + "[[component]]\nname = \"checker\"\npath = \"check_sink_batch.wasm\"\nconfig = \"" + COUNT + "\"\n"
                + generator("gen", COUNT, 48, "sequence") + node("m", "checker", null) + edges("gen", "m"), false,
                batchSize == 1);
            assertNull(sink.summary().outcome(), "torvyn_complete saw every element");
            assertEquals(COUNT, sink.node().reads());
        }
    }

    private static String example(final String file) {
        return EXAMPLES.resolve(file).toString();
    }

    private static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("examples").resolve("components").resolve("c");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/components/c not found above " + Path.of("").toAbsolutePath());
    }
}
