package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `torvyn bench` as a user drives it: flags, coded errors before anything runs, a real regression exiting 3. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n";

    @TempDir
    Path dir;

    private Path manifest(final String stage, final String sink) throws Exception {
        final Path p = dir.resolve("Torvyn.toml");
        Files.writeString(p, HEADER + "[flow.main.nodes.gen]\ncomponent = \"builtin:generator\"\n"
            + "config = '{\"size\":64}'\n[flow.main.nodes.f]\n" + stage + "\n[flow.main.nodes.out]\n" + sink + "\n"
            + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"f\"\n[[flow.main.edges]]\nfrom = \"f\"\nto = \"out\"\n");
        return p;
    }

    private Path fastManifest() throws Exception {
        return manifest("component = \"builtin:forward\"", "component = \"builtin:null\"");
    }

    private void copyBusyModule() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/bench/busy.wasm")) {
            assertNotNull(in, "bench/busy.wasm on the test classpath");
            Files.write(dir.resolve("busy.wasm"), in.readAllBytes());
        }
    }

    @Test
    void aSlowStageAgainstAFastBaselineExits3AndIsMarkedAsTheBottleneck() throws Exception {
        final Path m = fastManifest();
        final Cli.Result fast = Cli.run("bench", "--manifest", m.toString(), "--duration", "1s", "--warmup", "300ms",
            "--baseline", "fast", "--format", "json");
        assertEquals(0, fast.exit(), fast.err());
        final Path saved = dir.resolve(".torvyn/bench/fast.json");
        assertTrue(Files.exists(saved), fast.out());
        final JsonNode baseline = JSON.readTree(Files.readString(saved));
        io.torvyn.tools.bench.BenchSchemaAccess.assertSchema1(baseline);
        assertEquals(saved.toString(), JSON.readTree(fast.out()).get("saved_to").asText());

        copyBusyModule();
        manifest("component = \"file:busy.wasm\"\nfuel_per_invocation = 1_800_000", "component = \"builtin:null\"");
        final Path report = dir.resolve("report.html");
        final Cli.Result slow = Cli.run("bench", "--manifest", m.toString(), "--duration", "1s", "--warmup",
            "300ms", "--compare", "fast", "--report", report.toString());
        assertEquals(3, slow.exit(), slow.out() + slow.err());
        final String out = slow.out();
        assertTrue(out.indexOf("1. Throughput") < out.indexOf("2. Latency")
            && out.indexOf("2. Latency") < out.indexOf("3. Per-component")
            && out.indexOf("3. Per-component") < out.indexOf("4. Resources")
            && out.indexOf("4. Resources") < out.indexOf("5. Scheduling")
            && out.indexOf("5. Scheduling") < out.indexOf("Result saved to: "), out);
        final String fRow = out.lines().filter(l -> l.startsWith("  f ")).findFirst().orElseThrow();
        assertTrue(fRow.contains("likely bottleneck"), fRow);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("elements/s") && l.trim().endsWith("worse")), out);
        assertTrue(out.contains("regression: elements/s"), out);
        assertTrue(out.contains("likely bottleneck: `f`"), out);
        assertTrue(out.contains("raise fuel_per_invocation"), "about 1.6 M of 1.8 M fuel per call: " + out);
        final String html = Files.readString(report);
        assertTrue(html.contains("baseline (fast)"), "the baseline's curve is plotted too");
        assertFalse(html.contains("http://") || html.contains("https://"));
    }

    @Test
    void aDelayedSinkIsTheBottleneckAndTheSlowConsumerOfItsStream() throws Exception {
        final Path m = manifest("component = \"builtin:forward\"",
            "component = \"builtin:null\"\nconfig = '{\"delay\":\"200us\"}'");
        final Cli.Result r = Cli.run("bench", "--manifest", m.toString(), "--duration", "600ms", "--warmup", "0s",
            "--format", "json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        JsonNode bottleneck = null;
        JsonNode backpressure = null;
        for (final JsonNode h : doc.get("hints")) {
            if (h.get("kind").asText().equals("bottleneck")) {
                bottleneck = h;
            } else if (h.get("kind").asText().equals("backpressure")) {
                backpressure = h;
            }
        }
        assertNotNull(bottleneck, r.out());
        assertEquals("out", bottleneck.get("subject").asText());
        assertNotNull(backpressure, r.out());
        assertEquals("f->out", backpressure.get("subject").asText());
        assertTrue(doc.get("throughput").get("elements_per_s").asDouble() < 5_001, "at most one per 200 µs");
    }

    @Test
    void aFlowThatFailsIsReportedWithItsCodeAndNotSaved() throws Exception {
        copyBusyModule();
        final Path m = manifest("component = \"file:busy.wasm\"\nfuel_per_invocation = 1000",
            "component = \"builtin:null\"");
        final Cli.Result r = Cli.run("bench", "--manifest", m.toString(), "--duration", "2s", "--warmup", "0s");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("error[E0401]"), r.err());
        assertTrue(r.out().contains("Result not saved"), r.out());
        assertTrue(r.out().contains("the flow failed"), r.out());
        assertFalse(Files.exists(dir.resolve(".torvyn/bench")), "a failed bench is no baseline");
    }

    @Test
    void aMissingBaselineFailsWithE0650BeforeAnythingRuns() throws Exception {
        final Cli.Result r = Cli.run("bench", "--manifest", fastManifest().toString(), "--duration", "30s",
            "--warmup", "5s", "--compare", ".torvyn/bench/my-baseline.json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error[E0650]"), r.err());
        assertTrue(r.err().contains("help:"), r.err());
        assertFalse(Files.exists(dir.resolve(".torvyn/bench")), "nothing ran, nothing was saved");
    }

    @Test
    void aBaselineOfAnotherFlowIsE0651() throws Exception {
        final Path m = fastManifest();
        final Path bench = dir.resolve(".torvyn/bench");
        Files.createDirectories(bench);
        Files.writeString(bench.resolve("other.json"), "{\"schema\":1,\"flow\":\"ingest\",\"machine\":{},"
            + "\"throughput\":{},\"latency_ns\":{},\"resources\":{}}");
        final Cli.Result r = Cli.run("bench", "--manifest", m.toString(), "--compare", "other");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error[E0651]"), r.err());
        assertTrue(r.err().contains("flow `ingest`"), r.err());
    }

    @Test
    void badFlagsAreConfigErrors() throws Exception {
        final Path m = fastManifest();
        for (final String[] args : new String[][] {{"--duration", "soon"}, {"--duration", "0s"},
            {"--warmup", "-1s"}, {"--threshold", "lots"}, {"--baseline", "../escape"}}) {
            final Cli.Result r = Cli.run("bench", "--manifest", m.toString(), args[0], args[1]);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("error[E0702]"), r.err());
        }
    }
}
