package io.torvyn.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C on `torvyn run`: the flow drains, the summary is printed, the exit code is 130. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintDrainsAndExits130() throws Exception {
        final Path manifest = dir.resolve("Torvyn.toml");
        Files.writeString(manifest, String.join("\n", "[torvyn]", "name = \"t\"", "version = \"0.1.0\"",
            "[flow.main.nodes.gen]", "component = \"builtin:generator\"", "config = '{\"size\":32,\"rate\":20000}'",
            "[flow.main.nodes.out]", "component = \"builtin:null\"",
            "[[flow.main.edges]]", "from = \"gen\"", "to = \"out\"", ""));
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Torvyn.class.getName());
        cmd.addAll(List.of("run", "--manifest", manifest.toString(), "--format", "json"));
        final Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(dir.resolve("out.txt").toFile()).start();
        final Path out = dir.resolve("out.txt");
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!read(dir.resolve("err.txt")).contains("running flow") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        assertTrue(p.isAlive(), () -> "an endless flow is still running: exit " + p.exitValue() + " "
            + read(out) + read(dir.resolve("err.txt")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "drains and exits after Ctrl-C");
        final String json = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), json + read(dir.resolve("err.txt")));
        assertTrue(json.contains("\"exit_code\" : 130"), json);
        assertTrue(json.contains("\"pools_full\" : true"), json);
        assertTrue(json.contains("E0402"), json);
    }

    private static String read(final Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (final java.io.IOException e) {
            return "(" + e + ")";
        }
    }
}
