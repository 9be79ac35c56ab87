package io.torvyn.engine.config;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.torvyn.engine.config.ConfigTestSupport.BASE;
import static io.torvyn.engine.config.ConfigTestSupport.HEADER;
import static io.torvyn.engine.config.ConfigTestSupport.parse;
import static io.torvyn.engine.config.ConfigTestSupport.render;
import static io.torvyn.engine.config.ConfigTestSupport.sample;
import static io.torvyn.engine.config.ConfigTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void minimalManifestGetsEveryDefaultOfTheSpec() {
        final Path manifest = sample("minimal.toml");
        final ConfigResult result = ConfigLoader.load(manifest, Map.of(), List.of());
        assertTrue(result.ok(), () -> render(result.problems()));
        assertTrue(result.warnings().isEmpty());
        final TorvynConfig cfg = result.config();
        final Path dir = manifest.toAbsolutePath().getParent();

        assertEquals(manifest, cfg.file());
        assertEquals(dir, cfg.baseDir());
        assertEquals(new ProjectInfo("minimal", "0.1.0", "0.1.0"), cfg.project());
        assertTrue(cfg.components().isEmpty());

        final RuntimeConfig rt = cfg.runtime();
        assertEquals(ExecutionMode.SHARED, rt.mode());
        assertEquals(0, rt.workerThreads());
        assertEquals(WaitStrategyKind.SLEEPING, rt.waitStrategy());
        assertEquals("chicory", rt.wasmEngine());
        assertEquals(64L << 20, rt.maxOwnedBytesPerComponent());
        assertEquals(1_000_000L, rt.fuelPerInvocation());
        assertEquals(64L << 20, rt.maxMemoryPerComponent());
        assertEquals(5_000_000_000L, rt.invocationTimeoutNs());
        assertEquals(ErrorPolicy.FAIL_FAST, rt.errorPolicy());
        assertEquals(new SchedulingConfig(32, 100_000L, 32, StagePlacement.MEASURED), rt.scheduling());
        assertEquals(new BackpressureConfig(64, BackpressurePolicy.BLOCK, 0.5), rt.backpressure());
        assertEquals(List.of(
            new TierConfig("small", 256, 4096),
            new TierConfig("medium", 4096, 1024),
            new TierConfig("large", 65536, 256),
            new TierConfig("huge", 1 << 20, 32)), rt.pools().tiers());
        assertEquals(ExhaustionPolicy.FALLBACK_ALLOC, rt.pools().exhaustionPolicy());
        assertEquals(16L << 20, rt.pools().maxBufferSize());

        assertEquals(new JournalConfig(JournalLevel.OFF, dir.resolve(".torvyn/journal")), cfg.journal());
        assertEquals(new ObservabilityConfig(ObservabilityLevel.PRODUCTION, "off"), cfg.observability());

        final FlowConfig flow = cfg.flow(null);
        assertEquals("main", flow.name());
        assertEquals("", flow.description());
        assertEquals(64, flow.defaultQueueDepth());
        assertEquals(List.of("gen", "sink"), List.copyOf(flow.nodes().keySet()));
        assertEquals(new NodeConfig("gen", "builtin:generator", "{\"count\":10,\"size\":64}", 1_000_000L, 64L << 20,
            "chicory", 64L << 20, false, List.of(), 0), flow.nodes().get("gen"));
        assertEquals(List.of(new EdgeConfig("gen", null, "sink", 64, BackpressurePolicy.BLOCK)), flow.edges());
        assertEquals(ConfigDefaults.runtime(), rt);
    }

    @Test
    void fullManifestRoundTripsEveryKey() {
        final ConfigResult result = ConfigLoader.load(sample("full.toml"), Map.of(), List.of());
        assertTrue(result.ok(), () -> render(result.problems()));
        final TorvynConfig cfg = result.config();
        final Path dir = cfg.baseDir();

        assertEquals(new ProjectInfo("full-demo", "1.2.3-rc.1+build.5", "0.1.4"), cfg.project());
        assertEquals(List.of(
            new ComponentDecl("redact", dir.resolve("components/redact.wasm"), "{\"field\":\"email\"}"),
            new ComponentDecl("by-type", Path.of("/opt/torvyn/by-type.wat"), null)), cfg.components());

        final RuntimeConfig rt = cfg.runtime();
        assertEquals(new RuntimeConfig(ExecutionMode.DEDICATED, 3, WaitStrategyKind.BUSY_SPIN, "wasmtime", 32L << 20,
            0, 16L << 20, 250_000_000L, new ErrorPolicy(ErrorPolicy.Kind.RETRY, 3),
            new SchedulingConfig(8, 50_000L, 16, StagePlacement.PLANNED),
            new BackpressureConfig(1024, BackpressurePolicy.DROP_NEWEST, 0.25),
            new PoolsConfig(List.of(
                new TierConfig("small", 512, 100),
                new TierConfig("medium", 8 << 10, 50),
                new TierConfig("large", 128 << 10, 10),
                new TierConfig("huge", 2 << 20, 2)), ExhaustionPolicy.ERROR, 32L << 20)), rt);
        assertEquals(new JournalConfig(JournalLevel.PAYLOADS, dir.resolve("out/journal")), cfg.journal());
        assertEquals(new ObservabilityConfig(ObservabilityLevel.DIAGNOSTIC, "127.0.0.1:9404"), cfg.observability());

        assertEquals(List.of("main", "second"), List.copyOf(cfg.flows().keySet()));
        final FlowConfig main = cfg.flow("main");
        assertEquals("JSON log ingestion", main.description());
        assertEquals(128, main.defaultQueueDepth());
        assertEquals(List.of("src", "clean", "route", "agg", "out"), List.copyOf(main.nodes().keySet()));
        assertEquals(new NodeConfig("clean", "redact", null, 50_000, 2L << 20, "wasmtime", 8L << 20, true, List.of(),
            0), main.nodes().get("clean"));
        assertEquals(new NodeConfig("route", "by-type", null, 0, 16L << 20, "wasmtime", 32L << 20, false,
            List.of("metrics", "logs"), 0), main.nodes().get("route"));
        assertEquals(100, main.nodes().get("agg").flushEvery());
        assertEquals("file:components/agg.wasm", main.nodes().get("agg").component());
        assertEquals(List.of(
            new EdgeConfig("src", null, "clean", 256, BackpressurePolicy.DROP_OLDEST),
            new EdgeConfig("clean", null, "route", 128, BackpressurePolicy.DROP_NEWEST),
            new EdgeConfig("route", "metrics", "agg", 128, BackpressurePolicy.DROP_NEWEST),
            new EdgeConfig("route", "logs", "out", 128, BackpressurePolicy.DROP_NEWEST),
            new EdgeConfig("agg", null, "out", 128, BackpressurePolicy.DROP_NEWEST)), main.edges());
        assertEquals("route:metrics->agg", main.edges().get(2).label());
        assertEquals(1024, cfg.flow("second").defaultQueueDepth());
        assertEquals(1024, cfg.flow("second").edges().get(0).queueDepth());
    }

    @Test
    void theSpecsAnnotatedExampleLoads() {
        final ConfigResult result = ConfigLoader.load(sample("spec-example.toml"), Map.of(), List.of());
        assertTrue(result.ok(), () -> render(result.problems()));
        assertEquals(256, result.config().flow("main").edges().get(0).queueDepth());
        assertEquals(ConfigDefaults.runtime(), result.config().runtime());
    }

    @Test
    void missingManifestIsE0001() {
        final ConfigResult result = ConfigLoader.load(Path.of("/nonexistent/dir/Torvyn.toml"), Map.of(), List.of());
        final Problem p = single(result, ErrorCode.E0001);
        assertTrue(p.where().contains("/nonexistent/dir/Torvyn.toml"), p.where());
    }

    @Test
    void aDirectoryIsSearchedForTorvynToml(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("Torvyn.toml"), HEADER);
        final ConfigResult result = ConfigLoader.load(dir, Map.of(), List.of());
        assertTrue(result.ok(), () -> render(result.problems()));
        assertEquals(dir.resolve("Torvyn.toml"), result.config().file());
        single(ConfigLoader.load(dir.resolve("sub"), Map.of(), List.of()), ErrorCode.E0001);
    }

    @Test
    void malformedTomlIsE0700WithLineAndColumn() {
        final Path manifest = sample("malformed.toml");
        final Problem p = single(ConfigLoader.load(manifest, Map.of(), List.of()), ErrorCode.E0700);
        assertTrue(p.message().contains("line 3, column 11"), p.message());
        assertEquals(manifest + ":3:11", p.where());
    }

    @Test
    void duplicateTomlKeyIsASyntaxError() {
        final Problem p = single(parse(HEADER + "[runtime]\nmode = \"shared\"\nmode = \"dedicated\"\n"),
            ErrorCode.E0700);
        assertTrue(p.message().toLowerCase().contains("duplicate key"), p.message());
    }

    @Test
    void emptyManifestMissesNameAndVersion() {
        final ConfigResult result = parse("");
        assertEquals(List.of(ErrorCode.E0701, ErrorCode.E0701), result.problems().stream().map(Problem::code).toList());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals("t", parse("\uFEFF" + HEADER).orThrow().project().name());
    }

    @Test
    void unknownTopLevelKeySuggestsTheNearest() {
        final Problem p = single(parse(HEADER + "[runtim]\nmode = \"shared\"\n"), ErrorCode.E0703);
        assertEquals("Torvyn.toml: runtim", p.where());
        assertEquals("did you mean `runtime`?", p.help());
    }

    @Test
    void unknownNestedKeySuggestsTheNearest() {
        final Problem p = single(parse(HEADER + "[runtime]\nworker_thread = 4\n"), ErrorCode.E0703);
        assertEquals("Torvyn.toml: runtime.worker_thread", p.where());
        assertTrue(p.message().contains("`worker_thread`") && p.message().contains("[runtime]"), p.message());
        assertEquals("did you mean `worker_threads`?", p.help());

        final Problem deep = single(parse(HEADER + "[runtime.pools]\nsmall = { buffer_size = 64, cuont = 3 }\n"),
            ErrorCode.E0703);
        assertEquals("Torvyn.toml: runtime.pools.small.cuont", deep.where());
        assertEquals("did you mean `count`?", deep.help());
    }

    @Test
    void keyInTheWrongTablePointsAtItsTable() {
        final Problem p = single(parse(HEADER + "[runtime]\nyield_batch = 4\n"), ErrorCode.E0703);
        assertTrue(p.help().contains("scheduling.yield_batch"), p.help());
        final Problem far = single(parse(HEADER + "[runtime]\nfrobnicate = 4\n"), ErrorCode.E0703);
        assertTrue(far.help().contains("worker_threads"), "lists the known keys: " + far.help());
    }

    @Test
    void unknownKeysInFlowsNodesAndEdges() {
        final ConfigResult result = parse(HEADER + """
            [flow.main]
            node = 1
            [flow.main.nodes.a]
            component = "builtin:generator"
            fuel = 5
            [[flow.main.edges]]
            from = "a"
            to = "b"
            depth = 3
            """);
        assertEquals(3, result.problems().size(), () -> render(result.problems()));
        assertEquals(List.of("Torvyn.toml: flow.main.node", "Torvyn.toml: flow.main.nodes.a.fuel",
                "Torvyn.toml: flow.main.edges[0].depth"),
            result.problems().stream().map(Problem::where).toList());
        assertEquals("did you mean `nodes`?", result.problems().get(0).help());
        assertTrue(result.problems().stream().allMatch(p -> p.code() == ErrorCode.E0703));
    }

    @Test
    void wrongTypeIsE0702WithExpectedAndFound() {
        final Problem p = single(parse(HEADER + "[runtime]\nworker_threads = \"four\"\n"), ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.worker_threads", p.where());
        assertTrue(p.message().contains("expected an integer >= 0, found string \"four\""), p.message());

        final Problem bool = single(parse(HEADER + "[flow.f.nodes.n]\ncomponent = \"x\"\nwasi = 1\n"),
            ErrorCode.E0702);
        assertTrue(bool.message().contains("found integer 1"), bool.message());

        final Problem table = single(parse("runtime = 3\n" + HEADER), ErrorCode.E0702);
        assertTrue(table.message().contains("expected a table, found integer 3"), table.message());
    }

    @Test
    void outOfRangeValuesAreE0702() {
        assertTrue(single(parse(HEADER + "[runtime]\nworker_threads = -1\n"), ErrorCode.E0702).message()
            .contains("found integer -1"));
        single(parse(HEADER + "[runtime.scheduling]\nbatch_size = 0\n"), ErrorCode.E0702);
        assertTrue(single(parse(HEADER + "[runtime.scheduling]\nplacement = \"pinned\"\n"), ErrorCode.E0702)
            .message().contains("measured"));
        single(parse(HEADER + "[runtime.backpressure]\nlow_watermark_ratio = 1.0\n"), ErrorCode.E0702);
        single(parse(HEADER + "[runtime.backpressure]\nlow_watermark_ratio = -0.1\n"), ErrorCode.E0702);
        assertTrue(parse(HEADER + "[runtime.backpressure]\nlow_watermark_ratio = 0\n").ok());
        single(parse(HEADER + "[runtime]\nmax_memory_per_component = \"8GiB\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[runtime]\ninvocation_timeout = 0\n"), ErrorCode.E0702);
        single(parse(HEADER + "[runtime]\nfuel_per_invocation = -5\n"), ErrorCode.E0702);
    }

    @Test
    void enumValuesSuggestTheNearestSpelling() {
        final Problem p = single(parse(HEADER + "[runtime.backpressure]\npolicy = \"drop_oldest\"\n"), ErrorCode.E0702);
        assertTrue(p.message().contains("\"block\", \"drop-oldest\", \"drop-newest\" or \"error\""), p.message());
        assertEquals("did you mean \"drop-oldest\"?", p.help());
        single(parse(HEADER + "[runtime]\nwasm_engine = \"v8\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[runtime]\nerror_policy = \"retry:0\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[journal]\nlevel = \"all\"\n"), ErrorCode.E0702);
    }

    @Test
    void missingRequiredKeysAreE0701() {
        final ConfigResult noProject = parse("[runtime]\nmode = \"shared\"\n");
        assertEquals(List.of("Torvyn.toml: torvyn.name", "Torvyn.toml: torvyn.version"),
            noProject.problems().stream().map(Problem::where).toList());
        assertTrue(noProject.problems().stream().allMatch(p -> p.code() == ErrorCode.E0701));

        final Problem node = single(parse(HEADER + "[flow.f.nodes.n]\nconfig = \"{}\"\n"), ErrorCode.E0701);
        assertEquals("Torvyn.toml: flow.f.nodes.n.component", node.where());

        final Problem edge = single(parse(HEADER + "[[flow.f.edges]]\nto = \"x\"\n"), ErrorCode.E0701);
        assertEquals("Torvyn.toml: flow.f.edges[0].from", edge.where());

        final Problem component = single(parse(HEADER + "[[component]]\nname = \"c\"\n"), ErrorCode.E0701);
        assertEquals("Torvyn.toml: component[0].path", component.where());
    }

    @Test
    void projectNameAndVersionAreValidated() {
        assertTrue(single(parse("[torvyn]\nname = \"has space\"\nversion = \"0.1.0\"\n"), ErrorCode.E0702)
            .message().contains("has space"));
        single(parse("[torvyn]\nname = \"" + "x".repeat(65) + "\"\nversion = \"0.1.0\"\n"), ErrorCode.E0702);
        assertTrue(parse("[torvyn]\nname = \"" + "x".repeat(64) + "\"\nversion = \"0.1.0\"\n").ok());
        single(parse("[torvyn]\nname = \"n\"\nversion = \"1.0\"\n"), ErrorCode.E0702);
        single(parse("[torvyn]\nname = \"n\"\nversion = \"01.0.0\"\n"), ErrorCode.E0702);
    }

    @Test
    void anotherContractMajorOrMinorIsE0110() {
        final Problem p = single(parse(HEADER + "contract_version = \"0.2.0\"\n"), ErrorCode.E0110);
        assertEquals("Torvyn.toml: torvyn.contract_version", p.where());
        single(parse(HEADER + "contract_version = \"1.1.0\"\n"), ErrorCode.E0110);
        assertEquals("0.1.9", parse(HEADER + "contract_version = \"0.1.9\"\n").orThrow().project().contractVersion());
    }

    @Test
    void duplicateComponentNameIsE0704() {
        final Problem p = single(parse(HEADER + """
            [[component]]
            name = "redact"
            path = "a.wasm"
            [[component]]
            name = "other"
            path = "b.wasm"
            [[component]]
            name = "redact"
            path = "c.wasm"
            """), ErrorCode.E0704);
        assertEquals("Torvyn.toml: component[2].name", p.where());
        assertTrue(p.message().contains("component[0]"), p.message());
    }

    @Test
    void componentPathMustBeAModuleAndResolvesAgainstTheBaseDir() {
        final Problem p = single(parse(HEADER + "[[component]]\nname = \"c\"\npath = \"c.so\"\n"), ErrorCode.E0702);
        assertTrue(p.message().contains(".wasm or .wat"), p.message());
        final TorvynConfig cfg = parse(HEADER + "[[component]]\nname = \"c\"\npath = \"mods/../c.wat\"\n").orThrow();
        assertEquals(BASE.resolve("c.wat"), cfg.component("c").path());
        single(parse(HEADER + "[flow.f.nodes.n]\ncomponent = \"file:n.txt\"\n"), ErrorCode.E0702);
        single(parse("component = { name = \"c\" }\n" + HEADER), ErrorCode.E0702);
    }

    @Test
    void envReferencesAreSubstitutedAndUnsetOnesAreE0705() {
        final String toml = HEADER + "[[component]]\nname = \"c\"\npath = \"${MODS}/c.wasm\"\n"
            + "config = '{\"key\":\"${KEY}\",\"lit\":\"$x\"}'\n";
        final TorvynConfig cfg = parse(toml, Map.of("MODS", "/m", "KEY", "secret"), List.of()).orThrow();
        assertEquals(Path.of("/m/c.wasm"), cfg.component("c").path());
        assertEquals("{\"key\":\"secret\",\"lit\":\"$x\"}", cfg.component("c").config());

        final Problem p = single(parse(toml, Map.of("MODS", "/m"), List.of()), ErrorCode.E0705);
        assertEquals("Torvyn.toml: component[0].config", p.where());
        assertTrue(p.message().contains("${KEY}"), p.message());
    }

    @Test
    void zeroQueueDepthIsE0702() {
        final String flow = "[flow.f.nodes.a]\ncomponent = \"builtin:generator\"\n"
            + "[flow.f.nodes.b]\ncomponent = \"builtin:null\"\n[[flow.f.edges]]\nfrom = \"a\"\nto = \"b\"\n";
        final Problem edge = single(parse(HEADER + flow + "queue_depth = 0\n"), ErrorCode.E0702);
        assertEquals("Torvyn.toml: flow.f.edges[0].queue_depth", edge.where());
        assertTrue(edge.message().contains("found integer 0"), edge.message());
        single(parse(HEADER + "[flow.f]\ndefault_queue_depth = 0\n" + flow), ErrorCode.E0702);
        single(parse(HEADER + "[runtime.backpressure]\ndefault_queue_depth = 0\n"), ErrorCode.E0702);
    }

    @Test
    void queueDepthFallsBackFromEdgeToFlowToRuntime() {
        final TorvynConfig cfg = parse(HEADER + """
            [runtime.backpressure]
            default_queue_depth = 10
            [flow.a]
            default_queue_depth = 20
            [[flow.a.edges]]
            from = "x"
            to = "y"
            [[flow.a.edges]]
            from = "x"
            to = "z"
            queue_depth = 30
            [[flow.b.edges]]
            from = "x"
            to = "y"
            """).orThrow();
        assertEquals(20, cfg.flow("a").edges().get(0).queueDepth());
        assertEquals(30, cfg.flow("a").edges().get(1).queueDepth());
        assertEquals(10, cfg.flow("b").edges().get(0).queueDepth());
    }

    @Test
    void badSizeAndDurationUnitsAreE0702() {
        final Problem size = single(parse(HEADER + "[runtime]\nmax_memory_per_component = \"64MB\"\n"),
            ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.max_memory_per_component", size.where());
        assertTrue(size.message().contains("unknown size unit \"MB\""), size.message());

        final Problem duration = single(parse(HEADER + "[runtime.scheduling]\nyield_quantum = \"5sec\"\n"),
            ErrorCode.E0702);
        assertTrue(duration.message().contains("unknown duration unit \"sec\""), duration.message());

        single(parse(HEADER + "[runtime]\ninvocation_timeout = 1.5\n"), ErrorCode.E0702);
        final TorvynConfig ok = parse(HEADER + "[runtime]\nmax_memory_per_component = 131_072\n"
            + "invocation_timeout = \"1.5s\"\n").orThrow();
        assertEquals(131_072L, ok.runtime().maxMemoryPerComponent());
        assertEquals(1_500_000_000L, ok.runtime().invocationTimeoutNs());
    }

    @Test
    void poolTiersMustGrowAndPartialTiersKeepTheirDefaults() {
        final Problem p = single(parse(HEADER + "[runtime.pools]\nmedium = { buffer_size = \"128B\" }\n"),
            ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.pools.medium.buffer_size", p.where());
        assertTrue(p.message().contains("larger than `small` (256B)"), p.message());

        final PoolsConfig pools = parse(HEADER + "[runtime.pools]\nlarge = { count = 7 }\n").orThrow()
            .runtime().pools();
        assertEquals(new TierConfig("large", 65536, 7), pools.tiers().get(2));
        single(parse(HEADER + "[runtime.pools]\nhuge = { count = 0 }\n"), ErrorCode.E0702);
    }

    @Test
    void nodesInheritRuntimeLimitsUnlessTheyOverrideThem() {
        final FlowConfig flow = parse(HEADER + """
            [runtime]
            fuel_per_invocation = 7
            max_memory_per_component = "1MiB"
            max_owned_bytes_per_component = "2MiB"
            wasm_engine = "wasmtime"
            [flow.f.nodes.plain]
            component = "c"
            [flow.f.nodes.tuned]
            component = "c"
            fuel_per_invocation = 0
            max_memory = "128KiB"
            max_owned_bytes = 4096
            engine = "chicory"
            """).orThrow().flow("f");
        final NodeConfig plain = flow.nodes().get("plain");
        assertEquals(List.of(7L, 1L << 20, 2L << 20), List.of(plain.fuelPerInvocation(), plain.maxMemory(),
            plain.maxOwnedBytes()));
        assertEquals("wasmtime", plain.engine());
        final NodeConfig tuned = flow.nodes().get("tuned");
        assertEquals(List.of(0L, 128L << 10, 4096L), List.of(tuned.fuelPerInvocation(), tuned.maxMemory(),
            tuned.maxOwnedBytes()));
        assertEquals("chicory", tuned.engine());
    }

    @Test
    void portsAndEdgeEndpointsAreChecked() {
        single(parse(HEADER + "[flow.f.nodes.r]\ncomponent = \"c\"\nports = [\"a\", \"a\"]\n"), ErrorCode.E0702);
        single(parse(HEADER + "[flow.f.nodes.r]\ncomponent = \"c\"\nports = [\"a:b\"]\n"), ErrorCode.E0702);
        single(parse(HEADER + "[flow.f.nodes.r]\ncomponent = \"c\"\nports = [1]\n"), ErrorCode.E0702);
        final StringBuilder many = new StringBuilder("[flow.f.nodes.r]\ncomponent = \"c\"\nports = [");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ", ").append("\"p").append(i).append('"');
        }
        single(parse(HEADER + many + "]\n"), ErrorCode.E0702);
        single(parse(HEADER + "[[flow.f.edges]]\nfrom = \"a:\"\nto = \"b\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[[flow.f.edges]]\nfrom = \"a\"\nto = \"b:p\"\n"), ErrorCode.E0702);
        assertEquals(new EdgeConfig("a", "p", "b", 64, BackpressurePolicy.BLOCK),
            parse(HEADER + "[[flow.f.edges]]\nfrom = \"a:p\"\nto = \"b\"\n").orThrow().flow("f").edges().get(0));
    }

    @Test
    void prometheusIsOffOrHostPort() {
        assertEquals("localhost:9090", parse(HEADER + "[observability]\nprometheus = \"localhost:9090\"\n").orThrow()
            .observability().prometheus());
        assertTrue(parse(HEADER + "[observability]\nprometheus = \"[::1]:9090\"\n").ok());
        single(parse(HEADER + "[observability]\nprometheus = \"on\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[observability]\nprometheus = \"host:70000\"\n"), ErrorCode.E0702);
        single(parse(HEADER + "[observability]\nprometheus = \":9090\"\n"), ErrorCode.E0702);
    }

    @Test
    void severalProblemsAreReportedTogether() {
        final ConfigResult result = ConfigLoader.load(sample("many-problems.toml"), Map.of(), List.of());
        assertNull(result.config());
        final List<ErrorCode> codes = result.problems().stream().map(Problem::code).toList();
        assertEquals(List.of(ErrorCode.E0705, ErrorCode.E0702, ErrorCode.E0704, ErrorCode.E0703, ErrorCode.E0702,
            ErrorCode.E0702, ErrorCode.E0701), codes, () -> render(result.problems()));
        assertTrue(result.problems().stream().allMatch(p -> p.where().contains("many-problems.toml")));
        final TorvynException thrown = assertThrows(TorvynException.class, result::orThrow);
        assertEquals(result.problems().get(0), thrown.problem());
    }

    @Test
    void fromStringAndDefaultsBuildConfigsInCode() {
        final TorvynConfig defaults = ConfigLoader.defaults();
        assertEquals("default", defaults.project().name());
        assertEquals(ConfigDefaults.runtime(), defaults.runtime());
        assertEquals(ConfigDefaults.observability(), defaults.observability());
        assertTrue(defaults.flows().isEmpty());
        final TorvynConfig cfg = ConfigLoader.fromString(HEADER + "[runtime]\nmode = \"dedicated\"\n", BASE);
        assertEquals(ExecutionMode.DEDICATED, cfg.runtime().mode());
        assertEquals(BASE.resolve(".torvyn/journal"), cfg.journal().path());
        final TorvynException e = assertThrows(TorvynException.class, () -> ConfigLoader.fromString("[torvyn]\n"));
        assertEquals(ErrorCode.E0701, e.code());
        assertFalse(e.getMessage().isEmpty());
    }
}
