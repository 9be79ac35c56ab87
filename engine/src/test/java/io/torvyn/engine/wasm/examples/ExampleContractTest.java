package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.error.Problem;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ExternKind;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.ModuleRoles;
import io.torvyn.engine.wasm.ModuleRoles.Role;
import io.torvyn.engine.wasm.WatCompiler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.torvyn.engine.wasm.ModuleRoles.Role.AGGREGATOR;
import static io.torvyn.engine.wasm.ModuleRoles.Role.FILTER;
import static io.torvyn.engine.wasm.ModuleRoles.Role.PROCESSOR;
import static io.torvyn.engine.wasm.ModuleRoles.Role.ROUTER;
import static io.torvyn.engine.wasm.ModuleRoles.Role.SINK;
import static io.torvyn.engine.wasm.ModuleRoles.Role.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every committed example is a valid component for the role it is documented as, on both engines, and exports
 * exactly what its source intends (the build flags leak nothing else).
 */
class ExampleContractTest {

    /** What an example is expected to be: its role, whether batched, metadata-only, and its exports. */
    record Expected(Role role, boolean batch, boolean metadataOnly, Set<String> exports) {
        static Expected of(final Role role, final boolean batch, final boolean metadataOnly,
                           final String... exports) {
            final Set<String> all = new TreeSet<>(List.of(exports));
            all.add("memory");
            return new Expected(role, batch, metadataOnly, all);
        }
    }

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
        Map.entry("c/passthrough.wasm", Expected.of(PROCESSOR, false, false, "torvyn_process")),
        Map.entry("wat/passthrough.wasm", Expected.of(PROCESSOR, false, false, "torvyn_process")),
        Map.entry("c/uppercase.wasm", Expected.of(PROCESSOR, false, false, "torvyn_process")),
        Map.entry("wat/uppercase.wasm", Expected.of(PROCESSOR, false, false, "torvyn_process")),
        Map.entry("c/redact.wasm", Expected.of(PROCESSOR, false, false, "torvyn_init", "torvyn_process")),
        Map.entry("c/size_filter.wasm", Expected.of(FILTER, false, true,
            "torvyn_init", "torvyn_evaluate", "torvyn_metadata_only")),
        Map.entry("wat/size_filter.wasm", Expected.of(FILTER, false, true,
            "torvyn_init", "torvyn_evaluate", "torvyn_metadata_only")),
        Map.entry("c/content_router.wasm", Expected.of(ROUTER, false, true,
            "torvyn_init", "torvyn_route", "torvyn_metadata_only")),
        Map.entry("wat/content_router.wasm", Expected.of(ROUTER, false, true,
            "torvyn_init", "torvyn_route", "torvyn_metadata_only")),
        Map.entry("c/counter.wasm", Expected.of(AGGREGATOR, false, false, "torvyn_ingest", "torvyn_flush")),
        Map.entry("wat/counter.wasm", Expected.of(AGGREGATOR, false, false, "torvyn_ingest", "torvyn_flush")),
        Map.entry("c/batch_uppercase.wasm", Expected.of(PROCESSOR, true, false,
            "torvyn_batch_area", "torvyn_process_batch")),
        Map.entry("c/batch_size_filter.wasm", Expected.of(FILTER, true, true,
            "torvyn_init", "torvyn_batch_area", "torvyn_evaluate_batch", "torvyn_metadata_only")),
        Map.entry("c/sequence_source.wasm", Expected.of(SOURCE, false, false, "torvyn_init", "torvyn_pull")),
        Map.entry("wat/sequence_source.wasm", Expected.of(SOURCE, false, false, "torvyn_init", "torvyn_pull")),
        Map.entry("c/stats_sink.wasm", Expected.of(SINK, false, false, "torvyn_push", "torvyn_complete")),
        Map.entry("wat/stats_sink.wasm", Expected.of(SINK, false, false, "torvyn_push", "torvyn_complete")));

    static Stream<Arguments> examplesOnEngines() {
        return ExampleModules.engines().flatMap(engine -> ExampleModules.all().stream()
            .map(example -> Arguments.of(engine, example)));
    }

    @Test
    void everyCommittedExampleHasAnExpectation() {
        assertEquals(new TreeSet<>(EXPECTED.keySet()), new TreeSet<>(ExampleModules.all()));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("examplesOnEngines")
    void passesTheContractForItsRole(final String engine, final String example) {
        final Expected expected = EXPECTED.get(example);
        final ModuleDescriptor descriptor = ExampleModules.module(engine, example).descriptor();

        final List<Problem> problems = ModuleContract.check(descriptor, false);
        assertTrue(problems.isEmpty(), () -> example + ": " + problems);

        final ModuleRoles roles = ModuleContract.roleOf(descriptor);
        assertEquals(expected.role(), roles.single(), example);
        assertEquals(expected.batch(), roles.isBatch(expected.role()), example + " batch");
        assertEquals(!expected.batch(), roles.elementRoles().contains(expected.role()), example + " per element");
        assertEquals(expected.metadataOnly(), roles.metadataOnly(), example + " metadata-only");
        assertEquals(expected.exports().contains("torvyn_init"), roles.init(), example + " init");
        assertEquals(expected.exports(), descriptor.exports().stream().map(ExportInfo::name)
            .collect(Collectors.toCollection(TreeSet::new)), example + " exports");
        assertEquals(ExternKind.MEMORY, descriptor.export("memory").kind());
        assertTrue(descriptor.imports().stream().allMatch(i -> "torvyn".equals(i.module())),
            () -> example + " imports " + descriptor.imports());
        assertTrue(descriptor.memoryLimits().orElseThrow().minPages() <= 2, example + " starts small");
    }

    @Test
    void eachCommittedWatBinaryMatchesItsSource() {
        Assumptions.assumeTrue(WatCompiler.available(), "wat2wasm not installed");
        for (final String example : ExampleModules.all()) {
            if (!example.startsWith(ExampleModules.WAT + "/")) {
                continue;
            }
            final String source = example.replace(".wasm", ".wat");
            final byte[] fresh = WatCompiler.toWasm(ExampleModules.bytes(source), source);
            final ModuleDescriptor built = ExampleModules.engine("chicory").compile(fresh, source).descriptor();
            final ModuleDescriptor committed = ExampleModules.module("chicory", example).descriptor();
            assertEquals(committed.exports(), built.exports(), example + " is stale: run scripts/build-components.sh");
            assertEquals(committed.imports(), built.imports(), example + " is stale: run scripts/build-components.sh");
            assertEquals(committed.sizeBytes(), built.sizeBytes(), example + " is stale");
        }
    }
}
