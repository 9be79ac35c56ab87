package io.torvyn.perf.engine;

import io.torvyn.perf.Scenario;
import io.torvyn.perf.ScenarioRegistry;
import io.torvyn.perf.StandardScenarios;
import io.torvyn.perf.harness.RoundMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of the suite does what its name says, with a handful of elements and no timing: it delivers every element,
 * its copies per element are the spec's exact counts, paced rows report latency, and rows that cannot run say why.
 */
@Timeout(120)
class EngineScenariosTest {
    private static final long N = 400;
    private static ScenarioRegistry registry;

    @BeforeAll
    static void registry() {
        registry = StandardScenarios.create(64);
    }

    @AfterAll
    static void close() {
        registry.all().forEach(Scenario::close);
    }

    private static RoundMetrics round(final String name) {
        final Scenario s = registry.find(name).orElseThrow();
        assertNull(s.unavailable(), name + " should run here");
        s.prepare(N);
        assertEquals(N, s.run(N), name + " delivers every element");
        return s.metrics();
    }

    @Test
    void copiesPerElementAreTheSpecsExactCounts() {
        assertEquals(2.0, round("copies-s-k").copiesPerElement(), "source write + sink read");
        assertEquals(2.0, round("copies-s-f-k").copiesPerElement(), "a metadata-only filter copies nothing");
        assertEquals(4.0, round("copies-s-p-k").copiesPerElement(), "a processor reads once and writes once");
        assertEquals(2.0, round("java-copy-loop").copiesPerElement(), "the twin makes the same copies");
    }

    @Test
    void orchestrationRowsMoveOnlyHandles() {
        assertEquals(1.0, round("engine-shared").copiesPerElement());
        assertEquals(1.0, round("engine-dedicated").copiesPerElement());
        assertEquals(1.0, round("builtin-forward-flow").copiesPerElement());
    }

    @Test
    void wasmFilterRowsOnBothEnginesAndBatchedPassEverything() {
        for (final String name : List.of("wasm-filter-chicory", "wasm-filter-wasmtime", "wasm-filter-batch256-chicory",
            "wasm-filter-batch256-wasmtime")) {
            assertEquals(1.0, round(name).copiesPerElement(), name + ": only the source's write");
        }
        assertEquals(N, registry.find("java-filter-loop").orElseThrow().run(N));
    }

    @Test
    void fuelRowsRunTheHashComponentWithAndWithoutMetering() {
        for (final String name : List.of("fuel-off-chicory", "fuel-on-chicory", "fuel-off-wasmtime",
            "fuel-on-wasmtime")) {
            assertEquals(2.0, round(name).copiesPerElement(), name + ": source write + the component's read");
        }
        assertTrue(registry.find("fuel-on-chicory").orElseThrow().references().contains("fuel-off-chicory"));
        assertEquals(N, registry.find("java-hash-loop").orElseThrow().run(N));
    }

    @Test
    void journalRowsRunOrSayWhyNot() {
        assertEquals(3.0, round("journal-off").copiesPerElement(), "write, read into Wasm, write of the output");
        for (final String name : List.of("journal-ops", "journal-payloads")) {
            final Scenario s = registry.find(name).orElseThrow();
            if (s.unavailable() != null) {
                assertTrue(s.unavailable().contains("journal"), s.unavailable());
            } else {
                assertEquals(3.0, round(name).copiesPerElement());
            }
        }
    }

    @Test
    void pacedRowsReportLatencyFromTheSinks() {
        for (final String name : List.of("latency-forward-shared", "latency-forward-dedicated",
            "latency-wasm-upper-shared", "latency-wasm-upper-dedicated", "latency-java-disruptor")) {
            final RoundMetrics m = round(name);
            assertTrue(m.hasLatency(), name);
            assertTrue(m.p50Ns() > 0 && m.p50Ns() <= m.p99Ns() && m.p99Ns() <= m.p999Ns(), name + ": " + m);
        }
    }

    @Test
    void everyReferenceNamesARegisteredRowAndEveryEngineRowHasATwin() {
        for (final Scenario s : registry.all()) {
            for (final String ref : s.references()) {
                assertTrue(registry.find(ref).isPresent(), s.name() + " refers to unknown " + ref);
            }
            assertFalse(s.group().isEmpty(), s.name() + " has a group");
            assertFalse(s.description().isEmpty(), s.name() + " has a description");
        }
        final Map<String, String> twins = Map.of("engine-shared", "disruptor-pipeline",
            "wasm-filter-chicory", "java-filter-loop", "journal-off", "java-uppercase-loop",
            "fuel-off-chicory", "java-hash-loop", "copies-s-k", "java-copy-loop",
            "latency-forward-shared", "latency-java-disruptor");
        twins.forEach((row, twin) -> assertTrue(registry.find(row).orElseThrow().references().contains(twin),
            row + " is compared with its twin " + twin));
    }

    @Test
    void slowRowsRunFewerElementsPerRound() {
        assertEquals(2_000_000 / 200, registry.find("wasm-filter-wasmtime").orElseThrow().events(2_000_000));
        assertEquals(100_000, registry.find("latency-forward-shared").orElseThrow().events(2_000_000));
        assertEquals(2_000_000, registry.find("engine-shared").orElseThrow().events(2_000_000));
        assertNotNull(registry.find("journal-ops").orElseThrow().description());
    }
}
