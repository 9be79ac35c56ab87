package io.torvyn.tools.bench;

import io.torvyn.journal.analyze.Analysis;
import io.torvyn.journal.analyze.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bench with the journal on counts exactly the copies the journal recorded (no warm-up: the whole run). */
class BenchJournalTest {
    @TempDir
    Path dir;

    @Test
    void copiesEqualTheJournals() throws Exception {
        final String body = "[journal]\nlevel = \"ops\"\n"
            + BenchFixtures.pipeline("{\"size\":100}", "builtin:collect", "{\"keep\":1}");
        final Path manifest = Files.writeString(dir.resolve("Torvyn.toml"), BenchFixtures.HEADER + body);
        final BenchRequest request = new BenchRequest(BenchFixtures.config(body, dir), manifest, List.of(), Map.of(),
            null, 0, 300_000_000L, "j", null, 5, null, dir);
        final BenchResult r = new Bench(request, BenchRunner.Observer.NONE).run().outcome().result();
        final Path journal;
        try (Stream<Path> runs = Files.list(dir.resolve(".torvyn/journal"))) {
            final List<Path> all = runs.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), "one endless run: " + all);
            journal = all.get(0);
        }
        final Analysis a = Analyzer.analyze(journal);
        assertTrue(a.problems().isEmpty(), a.problems().toString());
        assertTrue(r.resources().copies() > 0);
        assertEquals(a.copiesTotal(), r.resources().copies());
        assertEquals(a.copiedBytes(), r.resources().copyBytes());
        assertEquals(a.elements(), r.elements(), "elements the journal saw reach the sink");
        assertEquals(a.amplification(), r.resources().copyAmplification(), 1e-9);
    }
}
