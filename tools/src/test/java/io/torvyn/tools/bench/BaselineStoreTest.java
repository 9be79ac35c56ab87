package io.torvyn.tools.bench;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where results are saved and how `--compare` finds them; E0650 and E0651. */
class BaselineStoreTest {
    @TempDir
    Path dir;

    private BaselineStore store() {
        return new BaselineStore(dir.resolve("project"), dir.resolve("elsewhere"));
    }

    @Test
    void namesAndPathsResolveAsTheSpecSays() throws Exception {
        final BaselineStore s = store();
        final Path bench = dir.resolve("project/.torvyn/bench");
        assertEquals(bench.resolve("my-baseline.json"), s.resolveCompare("my-baseline"));
        assertEquals(dir.resolve("elsewhere/x.json"), s.resolveCompare("x.json"), "a .json is a path");
        assertEquals(Path.of("/abs/b.json"), s.resolveCompare("/abs/b.json"));
        Files.createDirectories(bench);
        Files.writeString(bench.resolve("my-baseline.json"), "{}");
        assertEquals(bench.resolve("my-baseline.json"), s.resolveCompare(".torvyn/bench/my-baseline.json"),
            "a relative path missing from the working directory is looked up in the project");
        assertTrue(BaselineStore.isValidName("my-baseline"));
        assertFalse(BaselineStore.isValidName("../up"));
        assertFalse(BaselineStore.isValidName("a/b"));
        assertEquals("20261126T100000Z", BaselineStore.timestampName(Instant.parse("2026-11-26T10:00:00Z")));
    }

    @Test
    void savedResultsLoadBackAndTimestampNamesNeverOverwrite() {
        final BaselineStore s = store();
        final BenchResult r = new BenchFixtures.ResultBuilder().build();
        final Path first = s.pathFor("20261126T100000Z", true);
        s.save(r, first);
        final Path second = s.pathFor("20261126T100000Z", true);
        assertEquals(first.resolveSibling("20261126T100000Z-2.json"), second);
        assertEquals(first, s.pathFor("20261126T100000Z", false), "a named baseline is replaced");
        assertEquals(r, s.load(first.toString(), "main"));
    }

    @Test
    void aMissingBaselineIsE0650() {
        final TorvynException e = assertThrows(TorvynException.class, () -> store().load("nope", "main"));
        assertEquals(ErrorCode.E0650, e.code());
        assertEquals(2, e.code().exitCode());
    }

    @Test
    void anotherFlowOrSchemaOrNoBenchAtAllIsE0651() throws Exception {
        final BaselineStore s = store();
        s.save(new BenchFixtures.ResultBuilder().build(), s.pathFor("b", false));
        assertEquals(ErrorCode.E0651, assertThrows(TorvynException.class, () -> s.load("b", "other")).code());
        final Path file = s.pathFor("b", false);
        Files.writeString(file, Files.readString(file).replace("\"schema\" : 1", "\"schema\" : 2"));
        final TorvynException schema = assertThrows(TorvynException.class, () -> s.load("b", "main"));
        assertEquals(ErrorCode.E0651, schema.code());
        assertTrue(schema.problem().message().contains("schema 2"), schema.problem().message());
        Files.writeString(file, "not json");
        assertEquals(ErrorCode.E0651, assertThrows(TorvynException.class, () -> s.load("b", "main")).code());
        Files.writeString(file, "{\"schema\":1}");
        assertEquals(ErrorCode.E0651, assertThrows(TorvynException.class, () -> s.load("b", "main")).code());
    }
}
