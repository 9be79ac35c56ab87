package io.torvyn.tools.bench;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifests, purpose-built results and details for the bench tests. */
final class BenchFixtures {
    static final String HEADER = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n";

    private BenchFixtures() {
    }

    /** generator (`genConfig`) → forward → `sink`, with its own sink config. */
    static String pipeline(final String genConfig, final String sink, final String sinkConfig) {
        return "[flow.main.nodes.gen]\ncomponent = \"builtin:generator\"\nconfig = '" + genConfig + "'\n"
            + "[flow.main.nodes.f]\ncomponent = \"builtin:forward\"\n"
            + "[flow.main.nodes.out]\ncomponent = \"" + sink + "\"\n"
            + (sinkConfig == null ? "" : "config = '" + sinkConfig + "'\n")
            + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"f\"\n[[flow.main.edges]]\nfrom = \"f\"\nto = \"out\"\n";
    }

    static TorvynConfig config(final String body, final Path dir) {
        return ConfigLoader.fromString(HEADER + body, dir);
    }

    /** A mutable recipe for a {@link BenchResult}: healthy defaults that a test changes one figure at a time. */
    static final class ResultBuilder {
        String flow = "main";
        String name = "base";
        double durationS = 10;
        long elements = 10_000_000;
        Double elementsPerS = 1_000_000.0;
        Double bytesPerS = 64_000_000.0;
        Long p50 = 10_000L;
        Long p99 = 50_000L;
        Long p999 = 100_000L;
        Long max = 1_000_000L;
        Double copyAmplification = 1.0;
        Long peakMemory = 100_000_000L;
        String hdr;
        final List<BenchResult.Component> components = new ArrayList<>(List.of(
            component("gen", 100L, 1.0, null),
            component("f", 50L, 0.0, null),
            component("out", 20L, 0.0, null)));
        final Map<String, Double> reuse = new LinkedHashMap<>(Map.of("small", 1.0));
        final Map<String, Long> fallback = new LinkedHashMap<>(Map.of("small", 0L));
        final List<BenchResult.StreamFigures> streams = new ArrayList<>(List.of(
            new BenchResult.StreamFigures("gen->f", 0, 0, 10, 64),
            new BenchResult.StreamFigures("f->out", 0, 0, 10, 64)));

        static BenchResult.Component component(final String node, final Long p50, final Double copiesPerElement,
                                               final Double fuelPerCall) {
            return new BenchResult.Component(node, p50, p50 == null ? null : p50 * 3, 1000, 0, fuelPerCall,
                copiesPerElement == null ? 0 : Math.round(copiesPerElement * 1000), 0, copiesPerElement);
        }

        BenchResult build() {
            return new BenchResult(BenchResult.SCHEMA, name, "2026-11-26T10:00:00Z",
                new BenchResult.Machine(2, "17.0.15", "Linux 6.1"), "abc", flow, 2, durationS, elements,
                new BenchResult.Throughput(elementsPerS, bytesPerS),
                new BenchResult.Latency(p50, p50, p50, p99, p999, max, hdr), components,
                new BenchResult.Resources(elements, reuse, fallback, Map.of("small", 0L), elements, elements * 64,
                    copyAmplification, peakMemory, new BenchResult.PeakMemory(peakMemory, null, 0L)),
                new BenchResult.Scheduling(100L, streams), Map.of(), List.of());
        }
    }

    static BenchDetails details(final Map<String, Long> fuelLimits) {
        return new BenchDetails(Map.of("gen", "source", "f", "processor", "out", "sink"), fuelLimits,
            Map.of("small", 4096), Map.of("gen->f", "f", "f->out", "out"), List.of(), null, 1);
    }
}
