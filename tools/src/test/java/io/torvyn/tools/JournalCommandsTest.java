package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `torvyn trace`, `replay` and `analyze` against a small project, in-process. */
class JournalCommandsTest {
    static final String MANIFEST = "[torvyn]\nname = \"demo\"\nversion = \"0.1.0\"\n\n"
        + "[journal]\nlevel = \"payloads\"\n\n"
        + "[flow.main.nodes.src]\ncomponent = \"builtin:generator\"\n"
        + "config = '{\"count\":200,\"size\":180,\"pattern\":\"text\"}'\n\n"
        + "[flow.main.nodes.redact]\ncomponent = \"builtin:forward\"\n\n"
        + "[flow.main.nodes.out]\ncomponent = \"builtin:collect\"\nconfig = '{\"keep\":200}'\n\n"
        + "[[flow.main.edges]]\nfrom = \"src\"\nto = \"redact\"\n\n"
        + "[[flow.main.edges]]\nfrom = \"redact\"\nto = \"out\"\n";

    @TempDir
    Path project;

    Path manifest;

    @BeforeEach
    void writeProject() throws IOException {
        manifest = Files.writeString(project.resolve("Torvyn.toml"), MANIFEST);
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(project.resolve(".torvyn/journal"))) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void traceRunsTheFlowWithTheJournalOnAndPrintsEachElement() throws Exception {
        final Cli.Result r = Cli.run("trace", "--manifest", manifest.toString(), "--limit", "3", "--show-buffers");

        assertEquals(0, r.exit(), r.err());
        final String expectedFirst = "elem-0  ┬─ src        pull      ";
        assertTrue(r.out().startsWith(expectedFirst), r.out());
        assertTrue(r.out().contains("B0 alloc small · B0 write 180B (copy)\n"), r.out());
        assertTrue(r.out().contains("        ├─ redact     process   "), r.out());
        assertTrue(r.out().contains("B0 forward\n"), r.out());
        assertTrue(r.out().contains("        └─ out        push      "), r.out());
        assertTrue(r.out().contains("B0 read 180B (copy) · B0 release\n"), r.out());
        assertTrue(r.out().contains(" · copies 2 (360B)\n"), r.out());
        assertTrue(r.out().contains("elem-2  ┬─ src"), r.out());
        assertTrue(!r.out().contains("elem-3"), "--limit 3 runs and shows three elements");
        assertTrue(r.out().contains("traced 3 elements · latency p50 "), r.out());
        assertTrue(r.out().contains("copies/element 2.0 · buffer reuse 100.0% · backpressure events 0"), r.out());
        assertTrue(r.err().contains("journal: " + onlyRun()), r.err());
    }

    @Test
    void traceReadsAnExistingJournalAsJson() throws Exception {
        assertEquals(0, Cli.run("run", "--manifest", manifest.toString()).exit());
        final Path run = onlyRun();

        final Cli.Result r = Cli.run("trace", "--journal", run.toString(), "--limit", "5", "--format", "json");

        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = Output.JSON.readTree(r.out());
        assertEquals(5, doc.get("elements").size());
        assertEquals(200, doc.get("summary").get("journal_elements").asLong());
        assertEquals("redact", doc.get("elements").get(4).get("stages").get(1).get("node").asText());
        assertEquals("process", doc.get("elements").get(4).get("stages").get(1).get("verb").asText());
        assertEquals(0, doc.get("problems").size());
    }

    @Test
    void runReportsItsJournal() throws Exception {
        final Cli.Result r = Cli.run("run", "--manifest", manifest.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode journal = Output.JSON.readTree(r.out()).get("journal");
        assertEquals(onlyRun().toString(), journal.get("path").asText());
        assertTrue(journal.get("records").asLong() > 200 * 7, journal.toString());
    }

    @Test
    void replayOfAnUnchangedProjectIsIdenticalAndAChangeIsTheFirstDivergence() throws Exception {
        assertEquals(0, Cli.run("run", "--manifest", manifest.toString()).exit());
        final Path run = onlyRun();

        final Cli.Result same = Cli.run("replay", run.toString());
        assertEquals(0, same.exit(), same.err());
        assertEquals("identical: 200 elements, 1400 operations\n", same.out());

        Files.writeString(manifest, MANIFEST.replace("builtin:collect", "builtin:null")
            .replace("config = '{\"keep\":200}'\n", ""));
        final Cli.Result changed = Cli.run("replay", run.toString());
        assertEquals(1, changed.exit(), changed.out());
        assertTrue(changed.err().contains("error[E0602]: replay diverged at element 0, stage `out`, operation 2: "
            + "expected `read 180B`, found `release`"), changed.err());
        assertTrue(changed.err().contains("note: the manifest " + manifest.toRealPath()), changed.err());
        assertTrue(changed.out().startsWith("diverged at element 0, stage out, operation 2\n"), changed.out());
    }

    @Test
    void analyzePrintsCopiesAndAmplification() throws Exception {
        assertEquals(0, Cli.run("run", "--manifest", manifest.toString()).exit());

        final Cli.Result r = Cli.run("analyze", project.resolve(".torvyn/journal").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Copy amplification 2.00× (72,000 B copied / 36,000 B produced by sources)"),
            r.out());
        assertTrue(r.out().contains("  src    payload-write     200  36,000 B"), r.out());

        final Cli.Result json = Cli.run("analyze", onlyRun().toString(), "--format", "json");
        assertEquals(2.0, Output.JSON.readTree(json.out()).get("copy_amplification").asDouble(), 1e-9);
    }

    @Test
    void aPathWithoutAJournalIsE0601() throws Exception {
        for (final String command : new String[] {"analyze", "replay"}) {
            final Cli.Result r = Cli.run(command, project.toString());
            assertEquals(1, r.exit(), command);
            assertTrue(r.err().startsWith("error[E0601]: no journal at"), r.err());
        }
        final Cli.Result trace = Cli.run("trace", "--journal", project.resolve("nope").toString());
        assertEquals(1, trace.exit());
        assertTrue(trace.err().startsWith("error[E0601]"), trace.err());
    }
}
