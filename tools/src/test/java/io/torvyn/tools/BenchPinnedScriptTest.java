package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.schedule.HostCpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/bench-pinned.sh in dry-run mode on this machine, driving this build's `torvyn` through a launcher written
 * for the test class path: what it decides about the layout, what it says, and the environment JSON it would write.
 */
class BenchPinnedScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Script(int exit, String out, String err) {
    }

    @Test
    void dryRunOnThisMachineReportsTheLayoutAndTheEnvironment() throws Exception {
        final Script r = run(Map.of());
        assertEquals(0, r.exit(), r.err());
        final HostCpus host = HostCpus.detect();
        if (host.online().size() < 6) {
            assertTrue(r.err().contains("bench-pinned: cannot pin 5 stages to dedicated cores"), r.err());
            assertTrue(r.err().contains("running mode = \"shared\" instead"), r.err());
        }
        assertTrue(r.err().contains("bench-pinned: isolation: "), r.err());
        assertTrue(r.err().contains("bench-pinned: dry run: would run: JAVA_OPTS='-Xms1g -Xmx1g -XX:+AlwaysPreTouch'"),
            r.err());
        final JsonNode env = JSON.readTree(r.out());
        assertEquals(host.online().size(), env.get("cores").asInt());
        for (final String field : List.of("cpu_model", "isolated", "nohz_full", "governor", "jdk", "jvm_flags",
            "taskset", "cpu_affinity", "config_sha256")) {
            assertTrue(env.has(field), field);
        }
        assertEquals(64, env.get("config_sha256").asText().length());
        assertEquals("dedicated", env.get("mode").asText());
        assertEquals("busy-spin", env.get("wait_strategy").asText());
        final JsonNode plan = env.at("/doctor/flow/configured/plan");
        assertTrue(plan.get("pinned").asBoolean(), plan.toString());
        assertEquals(env.get("taskset").asText(), plan.get("housekeeping_cpus").asText());
        assertFalse(Files.exists(dir.resolve("out")), "a dry run writes nothing");
    }

    @Test
    void aNodeCoreFromTheEnvironmentThatDoesNotExistStopsBeforeRunning() throws Exception {
        final Script r = run(Map.of("NODE_F2_CPU_CORE", "4095"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("CPU 4095 does not exist on this machine"), r.err());
        assertTrue(r.err().contains("bench-pinned: error: the requested layout is not valid on this machine"),
            r.err());
    }

    private Script run(final Map<String, String> env) throws Exception {
        final Path script = repo().resolve("scripts").resolve("bench-pinned.sh");
        final Path launcher = dir.resolve("torvyn");
        final String jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle"))
            .collect(Collectors.joining(" "));
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin",
            "java") + "' " + jvmFlags + " -cp '" + System.getProperty("java.class.path") + "' "
            + Torvyn.class.getName() + " \"$@\"\n");
        final ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--dry-run", "--no-build",
            "--out", dir.resolve("out").toString());
        pb.environment().put("TORVYN", launcher.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("NODE_") || k.endsWith("_CPU_CORES")
            || k.equals("BENCH_HEAP") || k.equals("JAVA_OPTS"));
        pb.environment().putAll(env);
        final Process p = pb.start();
        final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p, true));
        final String out = read(p, false);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script did not finish");
        return new Script(p.exitValue(), out, err.get());
    }

    private static String read(final Process p, final boolean stderr) {
        try {
            return new String((stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes(),
                StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repo() {
        return Cli.examples().getParent().getParent();
    }
}
