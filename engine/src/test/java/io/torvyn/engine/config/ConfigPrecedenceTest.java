package io.torvyn.engine.config;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.torvyn.engine.config.ConfigTestSupport.HEADER;
import static io.torvyn.engine.config.ConfigTestSupport.parse;
import static io.torvyn.engine.config.ConfigTestSupport.render;
import static io.torvyn.engine.config.ConfigTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `--config` over `TORVYN_*` over the file over defaults, and how values from each are validated and reported. */
class ConfigPrecedenceTest {

    private static final String FILE = HEADER + "[runtime]\nworker_threads = 2\n";

    @Test
    void fileBeatsDefaults() {
        assertEquals(2, parse(FILE).orThrow().runtime().workerThreads());
    }

    @Test
    void environmentBeatsFile() {
        final ConfigResult result = parse(FILE, Map.of("TORVYN_RUNTIME_WORKER_THREADS", "4"), List.of());
        assertEquals(4, result.orThrow().runtime().workerThreads());
        assertTrue(result.warnings().isEmpty(), result.warnings()::toString);
    }

    @Test
    void configFlagBeatsEnvironment() {
        final ConfigResult result = parse(FILE, Map.of("TORVYN_RUNTIME_WORKER_THREADS", "4"),
            List.of("runtime.worker_threads=8"));
        assertEquals(8, result.orThrow().runtime().workerThreads());
    }

    @Test
    void laterConfigFlagsWin() {
        assertEquals(6, parse(FILE, Map.of(), List.of("runtime.worker_threads=5", "runtime.worker_threads=6"))
            .orThrow().runtime().workerThreads());
    }

    @Test
    void doubleUnderscoreSeparatesNestedTables() {
        final TorvynConfig cfg = parse(HEADER, Map.of(
            "TORVYN_RUNTIME_SCHEDULING__YIELD_BATCH", "64",
            "TORVYN_RUNTIME_POOLS__SMALL__COUNT", "10",
            "TORVYN_RUNTIME_INVOCATION_TIMEOUT", "2s",
            "TORVYN_JOURNAL_LEVEL", "ops",
            "TORVYN_OBSERVABILITY_PROMETHEUS", "0.0.0.0:9404"), List.of()).orThrow();
        assertEquals(64, cfg.runtime().scheduling().yieldBatch());
        assertEquals(10, cfg.runtime().pools().tiers().get(0).count());
        assertEquals(2_000_000_000L, cfg.runtime().invocationTimeoutNs());
        assertEquals(JournalLevel.OPS, cfg.journal().level());
        assertEquals("0.0.0.0:9404", cfg.observability().prometheus());
    }

    @Test
    void overrideValuesAreTomlWhenTheyParseAndBareStringsOtherwise() {
        final TorvynConfig cfg = parse(HEADER + "[flow.f.nodes.r]\ncomponent = \"c\"\n", Map.of(), List.of(
            "runtime.mode=dedicated",
            "runtime.fuel_per_invocation=1_000",
            "runtime.max_memory_per_component=\"2MiB\"",
            "runtime.backpressure.low_watermark_ratio=0.75",
            "flow.f.nodes.r.ports=[\"a\", \"b\"]",
            "flow.f.nodes.r.wasi=true",
            "journal.path=2024")).orThrow();
        assertEquals(ExecutionMode.DEDICATED, cfg.runtime().mode());
        assertEquals(1_000L, cfg.runtime().fuelPerInvocation());
        assertEquals(2L << 20, cfg.runtime().maxMemoryPerComponent());
        assertEquals(0.75, cfg.runtime().backpressure().lowWatermarkRatio());
        assertEquals(List.of("a", "b"), cfg.flow("f").nodes().get("r").ports());
        assertTrue(cfg.flow("f").nodes().get("r").wasi());
        assertEquals(Path.of("/project/2024"), cfg.journal().path(), "a string key keeps the text as typed");
    }

    @Test
    void overridesReachIntoArraysByIndex() {
        final String toml = HEADER + "[[flow.f.edges]]\nfrom = \"a\"\nto = \"b\"\n";
        assertEquals(8, parse(toml, Map.of(), List.of("flow.f.edges.0.queue_depth=8")).orThrow()
            .flow("f").edges().get(0).queueDepth());
        final Problem p = single(parse(toml, Map.of(), List.of("flow.f.edges.1.queue_depth=8")), ErrorCode.E0702);
        assertEquals("--config flow.f.edges.1.queue_depth=8", p.where());
    }

    @Test
    void overrideOfAnUnknownKeyIsE0703AtTheFlag() {
        final Problem p = single(parse(FILE, Map.of(), List.of("runtime.worker_thread=4")), ErrorCode.E0703);
        assertEquals("--config runtime.worker_thread=4", p.where());
        assertEquals("did you mean `worker_threads`?", p.help());
    }

    @Test
    void overrideValuesAreValidatedLikeFileValues() {
        final Problem p = single(parse(FILE, Map.of(), List.of("runtime.worker_threads=-3")), ErrorCode.E0702);
        assertEquals("--config runtime.worker_threads=-3", p.where());
        assertTrue(p.message().contains("found integer -3"), p.message());

        final Problem env = single(parse(FILE, Map.of("TORVYN_RUNTIME_SCHEDULING__YIELD_BATCH", "0"), List.of()),
            ErrorCode.E0702);
        assertTrue(env.where().startsWith("environment TORVYN_RUNTIME_SCHEDULING__YIELD_BATCH=0"), env.where());
        assertTrue(env.where().contains("runtime.scheduling.yield_batch"), env.where());
    }

    @Test
    void malformedOverridesAreReported() {
        single(parse(FILE, Map.of(), List.of("runtime.worker_threads")), ErrorCode.E0702);
        single(parse(FILE, Map.of(), List.of("runtime..mode=shared")), ErrorCode.E0702);
        final Problem through = single(parse(FILE, Map.of(), List.of("runtime.worker_threads.x=1")), ErrorCode.E0702);
        assertTrue(through.message().contains("not a table"), through.message());
    }

    @Test
    void unknownTorvynVariableIsAWarningNotAnError() {
        final ConfigResult result = parse(FILE, Map.of(
            "TORVYN_RUNTIME_WORKER_THREAD", "4",
            "TORVYN_RUNTIME_SCHEDULING", "1",
            "TORVYN_HOME", "/opt",
            "PATH", "/usr/bin"), List.of());
        assertTrue(result.ok(), () -> render(result.problems()));
        assertEquals(2, result.config().runtime().workerThreads());
        assertEquals(3, result.warnings().size(), result.warnings()::toString);
        assertTrue(result.warnings().get(0).contains("TORVYN_HOME"), result.warnings()::toString);
        assertTrue(result.warnings().get(2).contains("TORVYN_RUNTIME_WORKER_THREAD ")
            && result.warnings().get(2).contains("did you mean TORVYN_RUNTIME_WORKER_THREADS?"),
            result.warnings()::toString);
    }

    @Test
    void environmentDoesNotReachFlowsOrTheProject() {
        final ConfigResult result = parse(HEADER, Map.of("TORVYN_TORVYN_NAME", "x", "TORVYN_FLOW_MAIN", "y"),
            List.of());
        assertEquals("t", result.orThrow().project().name());
        assertEquals(2, result.warnings().size());
    }

    @Test
    void envSubstitutionAppliesToFileValuesNotToOverrides() {
        final String toml = HEADER + "[journal]\npath = \"${OUT}/journal\"\n";
        assertEquals(Path.of("/out/journal"),
            parse(toml, Map.of("OUT", "/out"), List.of()).orThrow().journal().path());
        assertEquals(Path.of("/project/${OUT}"),
            parse(HEADER, Map.of("OUT", "/out"), List.of("journal.path=${OUT}")).orThrow().journal().path());
    }
}
