package io.torvyn.perf.engine;

import io.torvyn.perf.ScenarioRegistry;
import io.torvyn.perf.baseline.DisruptorPipelineBaseline;
import io.torvyn.perf.baseline.BlockingQueuePipelineBaseline;
import io.torvyn.perf.baseline.PacedDisruptorLatency;
import io.torvyn.perf.baseline.PlainJavaTwin;

import java.nio.file.Path;
import java.util.function.Supplier;

import static io.torvyn.perf.engine.Manifests.chain;
import static io.torvyn.perf.engine.Manifests.generator;
import static io.torvyn.perf.engine.Manifests.manifest;
import static io.torvyn.perf.engine.Manifests.node;
import static io.torvyn.perf.engine.Manifests.wasm;

/**
 * The engine's rows of the perf suite, section by section, each next to the plain-Java twin it is compared with:
 * <ul>
 *   <li>orchestration — the pass-through flow of the first performance target (generator → 3 × forward → null) in
 *       both modes, against the hand-written Disruptor and BlockingQueue pipelines;</li>
 *   <li>wasm filter — a metadata-only Wasm filter per element (size_filter.wasm) on both engines, against the same
 *       flow with {@code builtin:forward} and a plain-Java filter loop;</li>
 *   <li>batch — the same filter through the batch ABI (batch_size_filter.wasm, 256 per call), against its
 *       per-element twin and {@code builtin:forward};</li>
 *   <li>journal — source → uppercase.wasm → sink with 64-byte payloads at journal off / ops / payloads;</li>
 *   <li>fuel — a compute-heavy component (FNV-1a over 1 KiB payloads, perf-tests/components/hash_1k.wat) with
 *       fuel metering off and on, on both engines;</li>
 *   <li>copies — exact payload copies per element of S→K, S→F→K and S→P→K from the run summary's copy ledger;</li>
 *   <li>latency — paced at {@value #LATENCY_RATE} elements/s, end-to-end p50/p99/p999 from intended send time,
 *       for the forward flow and a Wasm transform flow in both modes, against a paced Disruptor pipeline.</li>
 * </ul>
 */
public final class EngineScenarios {

    /** Elements per second of the paced rows. */
    public static final long LATENCY_RATE = 50_000;

    static final String ORCHESTRATION = DisruptorPipelineBaseline.GROUP;
    static final String FILTER = "wasm filter";
    static final String BATCH = "batch";
    static final String JOURNAL = "journal";
    static final String FUEL = "fuel";
    static final String COPIES = "copies";
    static final String LATENCY = "latency @ 50k/s";

    /** Per-element Wasmtime calls cost microseconds: those rows run this many times fewer elements. */
    private static final long WASMTIME_PER_ELEMENT_DIVISOR = 200;
    private static final long LATENCY_SECONDS_MAX = 5;
    /** A per-element Wasm processor (read, transform, allocate, write) costs microseconds on a small machine. */
    private static final long UPPERCASE_DIVISOR = 10;
    /** The 1 KiB hash loop costs microseconds per element on Chicory. */
    private static final long HASH_DIVISOR = 40;

    private EngineScenarios() {
    }

    /** Adds the engine's rows and their plain-Java twins after the baselines. */
    public static void registerInto(final ScenarioRegistry registry) {
        orchestration(registry);
        filter(registry);
        batch(registry);
        journal(registry);
        fuel(registry);
        copies(registry);
        latency(registry);
    }

    private static void orchestration(final ScenarioRegistry registry) {
        for (final String mode : new String[] {"shared", "dedicated"}) {
            registry.register(FlowScenario.builder("engine-" + mode, ORCHESTRATION,
                    manifest("mode = \"" + mode + "\"", passThrough(0), ""))
                .description("generator → 3 × builtin:forward → null, " + mode + " mode, journal off")
                .references(DisruptorPipelineBaseline.NAME, BlockingQueuePipelineBaseline.NAME).build());
        }
    }

    private static String passThrough(final long rate) {
        return generator("gen", 64, "sequence", rate) + node("f1", "builtin:forward", null, "")
            + node("f2", "builtin:forward", null, "") + node("f3", "builtin:forward", null, "")
            + node("sink", "builtin:null", null, "") + chain("gen", "f1", "f2", "f3", "sink");
    }

    private static void filter(final ScenarioRegistry registry) {
        registry.register(new PlainJavaTwin("java-filter-loop", FILTER, PlainJavaTwin.Work.FILTER, 64, 1));
        registry.register(FlowScenario.builder("builtin-forward-flow", FILTER, manifest("", generator("gen", 64,
                "sequence", 0) + node("f", "builtin:forward", null, "") + node("sink", "builtin:null", null, "")
                + chain("gen", "f", "sink"), ""))
            .description("generator → builtin:forward → null (the Wasm rows' baseline)")
            .references("java-filter-loop").build());
        final Path filter = Prerequisites.file("examples/components/c/size_filter.wasm");
        for (final String engine : new String[] {"chicory", "wasmtime"}) {
            registry.register(wasmRow("wasm-filter-" + engine, FILTER, engine, filter,
                    "examples/components/c/size_filter.wasm", filterFlow(filter, engine, ""), "")
                .description("generator → size_filter.wasm (per element, metadata-only) → null on " + engine)
                .references("builtin-forward-flow", "java-filter-loop").build());
        }
    }

    private static String filterFlow(final Path module, final String engine, final String extra) {
        return generator("gen", 64, "sequence", 0) + wasm("f", module, "{\"max_bytes\":1024}", engine, extra)
            + node("sink", "builtin:null", null, "") + chain("gen", "f", "sink");
    }

    private static FlowScenario.Builder wasmRow(final String name, final String group, final String engine,
                                                final Path module, final String moduleName, final String flow,
                                                final String runtime) {
        final boolean wasmtime = engine.equals("wasmtime");
        final FlowScenario.Builder b = FlowScenario.builder(name, group, manifest(runtime, flow, ""))
            .unavailableWhen(missing(module, moduleName, wasmtime));
        return wasmtime ? b.events(WASMTIME_PER_ELEMENT_DIVISOR, Long.MAX_VALUE) : b;
    }

    private static Supplier<String> missing(final Path module, final String moduleName, final boolean wasmtime) {
        return () -> module == null ? moduleName + " not found in this checkout"
            : wasmtime ? Prerequisites.wasmtime() : null;
    }

    private static void batch(final ScenarioRegistry registry) {
        final Path batchFilter = Prerequisites.file("examples/components/c/batch_size_filter.wasm");
        for (final String engine : new String[] {"chicory", "wasmtime"}) {
            final FlowScenario.Builder b = wasmRow("wasm-filter-batch256-" + engine, BATCH, engine, batchFilter,
                    "examples/components/c/batch_size_filter.wasm", filterFlow(batchFilter, engine, ""),
                    "[runtime.scheduling]\nbatch_size = 256\nyield_batch = 256")
                .description("generator → batch_size_filter.wasm (256 per call, metadata-only) → null on " + engine)
                .references("builtin-forward-flow", "wasm-filter-" + engine, "java-filter-loop");
            registry.register((engine.equals("wasmtime") ? b.events(4, Long.MAX_VALUE) : b).build());
        }
    }

    private static void journal(final ScenarioRegistry registry) {
        registry.register(new PlainJavaTwin("java-uppercase-loop", JOURNAL, PlainJavaTwin.Work.UPPERCASE, 64,
            UPPERCASE_DIVISOR));
        final Path upper = Prerequisites.file("examples/components/c/uppercase.wasm");
        for (final String level : new String[] {"off", "ops", "payloads"}) {
            final String flow = generator("gen", 64, "text", 0) + wasm("up", upper, null, "chicory", "")
                + node("sink", "builtin:null", null, "") + chain("gen", "up", "sink");
            final Supplier<String> files = missing(upper, "examples/components/c/uppercase.wasm", false);
            final Supplier<String> why = level.equals("off") ? files : () -> {
                final String f = files.get();
                return f != null ? f : Prerequisites.journal();
            };
            final Path dir = journalDir().resolve(level);
            registry.register(FlowScenario.builder("journal-" + level, JOURNAL, manifest("", flow,
                    "[journal]\nlevel = \"" + level + "\"\npath = \"" + dir.toString().replace('\\', '/') + "\""))
                .scratch(dir).events(UPPERCASE_DIVISOR, Long.MAX_VALUE)
                .description("generator (64 B) → uppercase.wasm → null on chicory, journal " + level)
                .references(level.equals("off") ? new String[] {"java-uppercase-loop"}
                    : new String[] {"journal-off", "java-uppercase-loop"})
                .unavailableWhen(why).build());
        }
    }

    private static Path journalDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "torvyn-perf-journal-" + ProcessHandle.current().pid());
    }

    private static void fuel(final ScenarioRegistry registry) {
        registry.register(new PlainJavaTwin("java-hash-loop", FUEL, PlainJavaTwin.Work.HASH, 1024, HASH_DIVISOR));
        final Path hash = Prerequisites.file("perf-tests/components/hash_1k.wasm");
        for (final String engine : new String[] {"chicory", "wasmtime"}) {
            for (final boolean metered : new boolean[] {false, true}) {
                final String name = "fuel-" + (metered ? "on" : "off") + "-" + engine;
                final String flow = generator("gen", 1024, "random", 0)
                    + wasm("hash", hash, null, engine, "fuel_per_invocation = " + (metered ? 1_000_000 : 0) + "\n")
                    + node("sink", "builtin:null", null, "") + chain("gen", "hash", "sink");
                final FlowScenario.Builder b = wasmRow(name, FUEL, engine, hash, "perf-tests/components/hash_1k.wasm",
                        flow, "")
                    .description("generator (1 KiB) → hash_1k.wasm (FNV-1a over every byte) → null on " + engine
                        + ", fuel " + (metered ? "1,000,000 per call" : "off"))
                    .references(metered ? new String[] {"fuel-off-" + engine, "java-hash-loop"}
                        : new String[] {"java-hash-loop"});
                registry.register((engine.equals("chicory") ? b.events(HASH_DIVISOR, Long.MAX_VALUE) : b).build());
            }
        }
    }

    private static void copies(final ScenarioRegistry registry) {
        registry.register(new PlainJavaTwin("java-copy-loop", COPIES, PlainJavaTwin.Work.COPY, 64, 1));
        final String sink = node("sink", "builtin:collect", "{\"keep\":1}", "");
        registry.register(FlowScenario.builder("copies-s-k", COPIES, manifest("", generator("gen", 64, "text", 0)
                + sink + chain("gen", "sink"), ""))
            .description("generator → collect (reads each payload): expect 2 copies per element")
            .references("java-copy-loop").build());
        final Path filter = Prerequisites.file("examples/components/c/size_filter.wasm");
        registry.register(wasmRow("copies-s-f-k", COPIES, "chicory", filter, "examples/components/c/size_filter.wasm",
                generator("gen", 64, "text", 0) + wasm("f", filter, "{\"max_bytes\":1024}", "chicory", "") + sink
                    + chain("gen", "f", "sink"), "")
            .description("generator → size_filter.wasm → collect: a metadata filter adds 0, expect 2")
            .references("copies-s-k", "java-copy-loop").build());
        final Path upper = Prerequisites.file("examples/components/c/uppercase.wasm");
        registry.register(wasmRow("copies-s-p-k", COPIES, "chicory", upper, "examples/components/c/uppercase.wasm",
                generator("gen", 64, "text", 0) + wasm("p", upper, null, "chicory", "") + sink
                    + chain("gen", "p", "sink"), "")
            .description("generator → uppercase.wasm → collect: read + write in the processor, expect 4")
            .references("copies-s-k", "java-uppercase-loop").events(UPPERCASE_DIVISOR, Long.MAX_VALUE).build());
    }

    private static void latency(final ScenarioRegistry registry) {
        final long maxEvents = LATENCY_RATE * LATENCY_SECONDS_MAX;
        registry.register(new PacedDisruptorLatency("latency-java-disruptor", LATENCY, LATENCY_RATE, maxEvents,
            1024));
        final Path upper = Prerequisites.file("examples/components/c/uppercase.wasm");
        for (final String mode : new String[] {"shared", "dedicated"}) {
            registry.register(FlowScenario.builder("latency-forward-" + mode, LATENCY,
                    manifest("mode = \"" + mode + "\"", passThrough(LATENCY_RATE), ""))
                .description("generator paced at 50k/s → 3 × builtin:forward → null, " + mode)
                .references("latency-java-disruptor").events(20, maxEvents).latency(LATENCY_RATE).build());
        }
        for (final String mode : new String[] {"shared", "dedicated"}) {
            registry.register(FlowScenario.builder("latency-wasm-upper-" + mode, LATENCY,
                    manifest("mode = \"" + mode + "\"", generator("gen", 64, "text", LATENCY_RATE)
                        + wasm("up", upper, null, "chicory", "") + node("sink", "builtin:null", null, "")
                        + chain("gen", "up", "sink"), ""))
                .description("generator paced at 50k/s → uppercase.wasm (chicory) → null, " + mode)
                .references("latency-java-disruptor").events(20, maxEvents).latency(LATENCY_RATE)
                .unavailableWhen(missing(upper, "examples/components/c/uppercase.wasm", false)).build());
        }
    }
}
