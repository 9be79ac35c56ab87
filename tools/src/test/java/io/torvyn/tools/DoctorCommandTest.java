package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.schedule.HostCpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `torvyn doctor`: the facts it reports, the layout it plans and recommends, and when it fails. */
class DoctorCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIVE_STAGES = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n"
        + "[flow.main.nodes.gen]\ncomponent = \"builtin:generator\"\n"
        + "[flow.main.nodes.f1]\ncomponent = \"builtin:forward\"\n"
        + "[flow.main.nodes.f2]\ncomponent = \"builtin:forward\"\n"
        + "[flow.main.nodes.f3]\ncomponent = \"builtin:forward\"\n"
        + "[flow.main.nodes.sink]\ncomponent = \"builtin:null\"\n"
        + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"f1\"\n[[flow.main.edges]]\nfrom = \"f1\"\nto = \"f2\"\n"
        + "[[flow.main.edges]]\nfrom = \"f2\"\nto = \"f3\"\n[[flow.main.edges]]\nfrom = \"f3\"\nto = \"sink\"\n";

    @TempDir
    Path dir;

    private Path manifest() throws Exception {
        final Path p = dir.resolve("Torvyn.toml");
        Files.writeString(p, FIVE_STAGES);
        return p;
    }

    @Test
    void jsonReportsTheJdkWasmtimeToolchainAndCpus() throws Exception {
        final Cli.Result r = Cli.run("doctor", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(System.getProperty("java.version"), doc.at("/jdk/version").asText());
        assertTrue(doc.at("/jdk/chronicle_flags").asBoolean(), "surefire runs with the Chronicle flags: "
            + doc.at("/jdk/missing_flags"));
        assertTrue(doc.at("/jdk/jvm_flags").isArray());
        assertTrue(doc.at("/wasmtime/loads").asBoolean(), doc.at("/wasmtime").toString());
        for (final String tool : List.of("clang", "wasm_ld", "wat2wasm", "complete")) {
            assertTrue(doc.get("toolchain").has(tool), tool);
        }
        final HostCpus host = HostCpus.detect();
        assertEquals(host.online().size(), doc.at("/cpu/cores").asInt());
        assertEquals(host.hasIsolation(), doc.at("/cpu/isolation").asBoolean());
        for (final String field : List.of("model", "online", "allowed", "isolated", "nohz_full", "governor",
            "affinity_supported")) {
            assertTrue(doc.get("cpu").has(field), field);
        }
        assertFalse(doc.has("flow"), "no layout without --flow");
    }

    @Test
    void dedicatedBusySpinOnTooFewCoresIsPlannedSharedAndARecommendationFollows() throws Exception {
        final HostCpus host = HostCpus.detect();
        final int last = host.online().get(host.online().size() - 1);
        final Cli.Result r = Cli.run("doctor", "--format", "json", "--manifest", manifest().toString(),
            "--flow", "main", "--config", "runtime.mode=dedicated", "--config", "runtime.wait_strategy=busy-spin",
            "--config", "runtime.cpu_affinity=" + last);
        assertEquals(0, r.exit(), r.err());
        final JsonNode flow = JSON.readTree(r.out()).get("flow");
        assertEquals(List.of("gen", "f1", "f2", "f3", "sink"), texts(flow.get("stages")));
        final JsonNode plan = flow.at("/configured/plan");
        assertEquals("shared", plan.get("mode").asText());
        assertEquals(1, plan.get("threads").size());
        assertEquals(last, plan.at("/threads/0/cpu").asInt());
        assertEquals("busy-spin", plan.at("/threads/0/wait_strategy").asText());
        assertTrue(plan.at("/warnings/0").asText().startsWith("cannot pin 5 stages to dedicated cores"),
            plan.toString());
        final JsonNode rec = flow.get("recommended");
        assertTrue(rec.get("toml").asText().startsWith("[runtime]\nmode = "), rec.toString());
        assertFalse(rec.get("reason").asText().isEmpty());
        if (host.online().size() == 2 && !host.hasIsolation()) {
            assertEquals("shared", rec.get("mode").asText());
            assertEquals("1", rec.get("worker_cpu_cores").asText());
            assertEquals("0", rec.get("housekeeping_cpu_cores").asText());
            assertTrue(rec.get("reason").asText().startsWith("cannot pin 5 stages to dedicated cores"));
        }
    }

    @Test
    void aCpuTheMachineLacksIsAConfigProblem() throws Exception {
        final Cli.Result r = Cli.run("doctor", "--format", "json", "--manifest", manifest().toString(),
            "--flow", "main", "--config", "runtime.cpu_affinity=[4095]");
        assertEquals(2, r.exit());
        final JsonNode doc = JSON.readTree(r.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("E0702", doc.at("/problems/0/code").asText());
        assertTrue(doc.at("/problems/0/message").asText().contains("CPU 4095 does not exist"));
        assertTrue(doc.at("/flow/recommended").isObject(), "still recommends a layout");
    }

    @Test
    void humanReportNamesTheLayoutAndThePinnedRunCommand() throws Exception {
        final Cli.Result r = Cli.run("doctor", "--manifest", manifest().toString(), "--flow", "main");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("flow main (5 stages: gen, f1, f2, f3, sink)"), r.out());
        assertTrue(r.out().contains("  configured   mode shared: "), r.out());
        assertTrue(r.out().contains("  recommended  "), r.out());
    }

    @Test
    void anUnknownFlowFails() throws Exception {
        final Cli.Result r = Cli.run("doctor", "--manifest", manifest().toString(), "--flow", "nope");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("E0200"), r.err());
    }

    @Test
    void aMissingToolchainIsAWarningUnlessRequired() throws Exception {
        final Path emptyPath = Files.createDirectory(dir.resolve("bin"));
        final Doctor relaxed = doctorWithPath(emptyPath);
        assertEquals(0, relaxed.exit, relaxed.out);
        final JsonNode doc = JSON.readTree(relaxed.out);
        assertFalse(doc.at("/toolchain/complete").asBoolean());
        assertTrue(doc.at("/toolchain/clang").isNull());
        assertTrue(texts(doc.get("warnings")).stream().anyMatch(w -> w.startsWith("missing clang, wasm-ld, wat2wasm")),
            doc.get("warnings").toString());
        final Doctor strict = doctorWithPath(emptyPath, "--require-toolchain");
        assertEquals(4, strict.exit, strict.out);
        assertEquals("E0010", JSON.readTree(strict.out).at("/problems/0/code").asText());
    }

    private record Doctor(int exit, String out) {
    }

    /** Runs doctor in a fresh JVM whose PATH holds only {@code path}. */
    private static Doctor doctorWithPath(final Path path, final String... extra) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", System.getProperty("java.class.path"), Torvyn.class.getName(), "doctor",
            "--format", "json"));
        cmd.addAll(List.of(extra));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", path.toString());
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Doctor(p.exitValue(), out);
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void machineFactsReadAFakeMachine(@TempDir final Path root) throws Exception {
        write(root, "proc/cpuinfo", "processor\t: 0\nmodel name\t: Test CPU 9000\n");
        write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
        write(root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "powersave\n");
        final MachineFacts facts = MachineFacts.detect(root, HostCpus.of(2));
        assertEquals("Test CPU 9000", facts.cpuModel());
        assertEquals("mixed (performance, powersave)", facts.governor());
        final MachineFacts bare = MachineFacts.detect(root.resolve("none"), HostCpus.of(2));
        assertEquals(null, bare.governor());
        assertEquals(null, bare.cpuModel());
    }

    private static void write(final Path root, final String file, final String text) throws Exception {
        final Path p = root.resolve(file.replace('/', File.separatorChar));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
