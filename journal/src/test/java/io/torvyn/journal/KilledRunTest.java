package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.trace.Trace;
import io.torvyn.journal.trace.TraceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed with SIGKILL in a child JVM leaves a journal that reads back up to the kill, with its tail reported. */
class KilledRunTest {
    @TempDir
    Path tmp;

    @Test
    void aJournalOfAKilledProcessReadsBackUpToTheKill() throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(KilledRunMain.class.getName());
        command.add(tmp.toString());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Path journal;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("JOURNAL "));
            assertTrue(line != null, "the child never started its journal");
            journal = Path.of(line.substring("JOURNAL ".length()));
            Thread.sleep(700);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        final Journal j = JournalReader.readAll(journal);

        assertFalse(j.result().complete());
        assertTrue(j.problems().stream().allMatch(p -> p.code() == ErrorCode.E0600), j.problems().toString());
        assertTrue(j.problems().stream().anyMatch(p -> p.message().contains("without flow-end")),
            j.problems().toString());
        final long sourceWrites = j.records().stream().filter(r -> r.node() == 0 && r.op() == BufferOps.WRITE).count();
        assertTrue(sourceWrites > 100, "records before the kill are there: " + sourceWrites);
        assertEquals(BufferOps.FLOW_START, j.records().get(0).op());
        assertTrue(j.records().stream().noneMatch(r -> r.op() == BufferOps.FLOW_END));
        long lastSeq = -1;
        for (final JournalRecord r : j.records()) {
            if (r.node() == 0 && r.op() == BufferOps.WRITE) {
                assertEquals(lastSeq + 1, r.elementSeq(), "the source's records are complete up to the kill");
                lastSeq = r.elementSeq();
            }
        }
        final Trace trace = TraceBuilder.build(j.info(), j.records(), 50, false);
        assertEquals(50, trace.elements().size());
        assertEquals(3, trace.elements().get(0).stages().size());
    }
}
