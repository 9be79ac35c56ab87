package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `torvyn check` and `torvyn run` as a user drives them: exit codes, coded errors, summaries, JSON. */
class CheckAndRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n";
    private static final String GOOD_FLOW = "[flow.main.nodes.gen]\ncomponent = \"builtin:generator\"\n"
        + "config = '{\"count\":1000,\"size\":32}'\n"
        + "[flow.main.nodes.f]\ncomponent = \"builtin:forward\"\n"
        + "[flow.main.nodes.out]\ncomponent = \"builtin:null\"\n"
        + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"f\"\n[[flow.main.edges]]\nfrom = \"f\"\nto = \"out\"\n";

    @TempDir
    Path dir;

    private Path manifest(final String body) throws Exception {
        final Path p = dir.resolve("Torvyn.toml");
        Files.writeString(p, HEADER + body);
        return p;
    }

    @Test
    void checkAcceptsAGoodManifest() throws Exception {
        final Cli.Result r = Cli.run("check", "--manifest", manifest(GOOD_FLOW).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ok"), r.out());
    }

    static Stream<Arguments> badConfigs() {
        final String twoNodes = "[flow.main.nodes.b]\ncomponent = \"builtin:null\"\n"
            + "[[flow.main.edges]]\nfrom = \"a\"\nto = \"b\"\n";
        return Stream.of(
            Arguments.of("malformed TOML", "[flow.main.nodes.gen\ncomponent = 1\n", "E0700", 2),
            Arguments.of("unknown key", "[runtime]\nworker_thread = 2\n", "E0703", 2),
            Arguments.of("wrong type", "[runtime]\nworker_threads = \"two\"\n", "E0702", 2),
            Arguments.of("zero queue depth", "[runtime.backpressure]\ndefault_queue_depth = 0\n", "E0702", 2),
            Arguments.of("unknown built-in", "[flow.main.nodes.a]\ncomponent = \"builtin:nope\"\n" + twoNodes,
                "E0210", 1),
            Arguments.of("edge to a missing node", "[flow.main.nodes.a]\ncomponent = \"builtin:generator\"\n"
                + "[flow.main.nodes.b]\ncomponent = \"builtin:null\"\n[[flow.main.edges]]\nfrom = \"a\"\n"
                + "to = \"c\"\n", "E0201", 1),
            Arguments.of("cycle", "[flow.main.nodes.s]\ncomponent = \"builtin:generator\"\n"
                + "[flow.main.nodes.a]\ncomponent = \"builtin:forward\"\n"
                + "[flow.main.nodes.b]\ncomponent = \"builtin:forward\"\n"
                + "[flow.main.nodes.k]\ncomponent = \"builtin:null\"\n"
                + "[[flow.main.edges]]\nfrom = \"s\"\nto = \"a\"\n[[flow.main.edges]]\nfrom = \"a\"\nto = \"b\"\n"
                + "[[flow.main.edges]]\nfrom = \"b\"\nto = \"a\"\n[[flow.main.edges]]\nfrom = \"b\"\nto = \"k\"\n",
                "E0200", 1),
            Arguments.of("unreadable input file", "[flow.main.nodes.a]\ncomponent = \"builtin:file\"\n"
                + "config = '{\"path\":\"missing.txt\"}'\n" + twoNodes, "E0020", 2),
            Arguments.of("bad built-in config", "[flow.main.nodes.a]\ncomponent = \"builtin:generator\"\n"
                + "config = '{\"sise\":3}'\n" + twoNodes, "E0703", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void checkReportsEachBadConfigWithItsCode(final String name, final String body, final String code,
                                             final int exit) throws Exception {
        final Path m = manifest(body);
        final Cli.Result r = Cli.run("check", "--manifest", m.toString());
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().contains("error[" + code + "]"), r.err());
        assertTrue(r.err().contains("help:"), r.err());
        final Cli.Result run = Cli.run("run", "--manifest", m.toString());
        assertEquals(exit, run.exit(), "run refuses to start: " + run.err());
        assertFalse(run.out().contains("finished"), "nothing ran");
    }

    @Test
    void checkListsEveryProblemAndJsonHasThem() throws Exception {
        final Path m = manifest("[runtime]\nworker_thread = 2\nmode = \"turbo\"\n" + GOOD_FLOW);
        final Cli.Result r = Cli.run("check", "--manifest", m.toString(), "--format", "json");
        assertEquals(2, r.exit());
        final JsonNode doc = JSON.readTree(r.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals(2, doc.get("problems").size(), r.out());
    }

    @Test
    void missingManifestIsE0001() {
        final Cli.Result r = Cli.run("check", "--manifest", dir.resolve("nope/Torvyn.toml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("E0001"), r.err());
    }

    @Test
    void runPrintsASummaryWithCopiesAndJsonCarriesTheSpecFields() throws Exception {
        final Path m = manifest(GOOD_FLOW);
        final Cli.Result human = Cli.run("run", "--manifest", m.toString());
        assertEquals(0, human.exit(), human.err());
        assertTrue(human.out().contains("1,000"), human.out());
        assertTrue(human.out().contains("copies"), human.out());
        final Cli.Result r = Cli.run("run", "--manifest", m.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        for (final String field : new String[] {"flow", "elements", "errors", "dropped", "copies", "copy_bytes",
            "backpressure_events", "duration_s", "elements_per_s", "peak_memory_bytes", "exit_code"}) {
            assertTrue(doc.has(field), field + " in " + r.out());
        }
        assertEquals(1000, doc.get("elements").asLong());
        assertEquals(1000, doc.get("copies").asLong(), "one payload-write per element, forward and null copy nothing");
        assertTrue(doc.get("pools_full").asBoolean());
    }

    @Test
    void verboseRunSaysWhereTheStagesRanUnlessPlacementIsPlanned() throws Exception {
        final Path m = manifest(GOOD_FLOW);
        final Cli.Result measured = Cli.run("run", "--verbose", "--manifest", m.toString(), "--config",
            "runtime.worker_threads=2");
        assertEquals(0, measured.exit(), measured.err());
        assertTrue(measured.out().contains("  stage placement: "), measured.out());
        final Cli.Result planned = Cli.run("run", "--verbose", "--manifest", m.toString(), "--config",
            "runtime.worker_threads=2", "--config", "runtime.scheduling.placement=planned");
        assertEquals(0, planned.exit(), planned.err());
        assertFalse(planned.out().contains("stage placement"), planned.out());
        assertTrue(planned.out().contains("1,000"), planned.out());
    }

    @Test
    void runLimitAndConfigOverride() throws Exception {
        final Path m = manifest(GOOD_FLOW.replace("\"count\":1000,", ""));
        final Cli.Result r = Cli.run("run", "--manifest", m.toString(), "--limit", "321", "--config",
            "runtime.mode=dedicated", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(321, JSON.readTree(r.out()).get("elements").asLong());
    }

    @Test
    void runTimeoutOnAnEndlessFlowDrainsAndFailsWithE0400() throws Exception {
        final Path m = manifest(GOOD_FLOW.replace("\"count\":1000,", "\"rate\":1000,"));
        final Cli.Result r = Cli.run("run", "--manifest", m.toString(), "--timeout", "300ms", "--format", "json");
        assertEquals(1, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        assertEquals("E0400", doc.get("error").get("code").asText());
        assertTrue(doc.get("pools_full").asBoolean(), "drained");
    }

    @Test
    void runOfAFullDiskFailsWithIoError() throws Exception {
        final Path m = manifest(GOOD_FLOW.replace("builtin:null\"", "builtin:file\"\nconfig = '{\"path\":\"/dev/full\"}'"));
        final Cli.Result r = Cli.run("run", "--manifest", m.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("error[E0020]"), r.err());
    }
}
