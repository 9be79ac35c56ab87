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

/**
 * `torvyn trace --limit 100 --show-buffers`, exactly as the tuning guide writes it, in a project directory, in a
 * fresh JVM with the launcher's flags and a POSIX locale (the report must still come out as UTF-8).
 */
class TraceInProjectTest {
    @TempDir
    Path project;

    @Test
    void theTuningGuideCommandWorksAsWritten() throws Exception {
        Files.writeString(project.resolve("Torvyn.toml"), JournalCommandsTest.MANIFEST
            .replace("[journal]\nlevel = \"payloads\"\n", "")
            .replace("\"count\":200,", ""));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Torvyn.class.getName());
        command.addAll(List.of("trace", "--limit", "100", "--show-buffers"));
        final ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
            .redirectError(project.resolve("stderr.txt").toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        final String err = Files.readString(project.resolve("stderr.txt"));

        assertEquals(0, p.exitValue(), err);
        final String[] lines = out.split("\n");
        assertEquals(100 * 4 + 2, lines.length, out);
        for (int e = 0; e < 100; e++) {
            assertTrue(lines[4 * e].startsWith(String.format("%-9s┬─ src        pull", "elem-" + e)), lines[4 * e]);
            assertTrue(lines[4 * e].matches(".* B(\\d+) alloc small · B\\1 write 180B \\(copy\\)"), lines[4 * e]);
            assertTrue(lines[4 * e + 1].startsWith("         ├─ redact     process "), lines[4 * e + 1]);
            assertTrue(lines[4 * e + 2].startsWith("         └─ out        push "), lines[4 * e + 2]);
            assertTrue(lines[4 * e + 3].matches(" {9}total [0-9.]+(µs|ms|s) · copies 2 \\(360B\\)"), lines[4 * e + 3]);
        }
        assertTrue(lines[401].startsWith("traced 100 elements · latency p50 "), lines[401]);
        assertTrue(Files.isDirectory(project.resolve(".torvyn/journal")), "the journal went under the project");
        assertTrue(err.contains("journal: "), err);
    }
}
