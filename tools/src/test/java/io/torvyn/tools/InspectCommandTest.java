package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.wasm.WatCompiler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `torvyn inspect` on the example components and on modules that are not components. */
class InspectCommandTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void showsRoleExportsImportsAndMemoryOfAnExample(final String engine) {
        final Cli.Result result = Cli.run("inspect", "--engine", engine,
            Cli.examples().resolve("c/uppercase.wasm").toString());
        assertEquals(0, result.exit(), result.err());
        final String out = result.out();
        assertTrue(out.contains("role           processor"), out);
        assertTrue(out.contains("batch export   no"), out);
        assertTrue(out.contains("torvyn_process") && out.contains("function (i32) -> (i32)"), out);
        assertTrue(out.contains("torvyn.buffer_read") && out.contains("function (i32, i64, i32, i32) -> (i32)"), out);
        assertTrue(out.contains("memory         min 2 page(s) (128.0 KiB), no max"), out);
        assertTrue(out.contains("contract       ok"), out);
    }

    @Test
    void jsonDescribesABatchMetadataOnlyFilter() throws IOException {
        final Cli.Result result = Cli.run("inspect", "--format", "json",
            Cli.examples().resolve("c/batch_size_filter.wasm").toString());
        assertEquals(0, result.exit(), result.err());
        final JsonNode doc = new ObjectMapper().readTree(result.out());
        assertEquals("filter", doc.get("roles").get(0).asText());
        assertTrue(doc.get("batch").asBoolean());
        assertTrue(doc.get("batch_area").asBoolean());
        assertTrue(doc.get("metadata_only").asBoolean());
        assertTrue(doc.get("init").asBoolean());
        assertEquals(2, doc.get("memory").get("min_pages").asInt());
        assertTrue(doc.get("memory").get("max_pages").isNull());
        assertEquals(Files.size(Cli.examples().resolve("c/batch_size_filter.wasm")), doc.get("size_bytes").asLong());
        final List<String> exports = new ArrayList<>();
        doc.get("exports").forEach(e -> exports.add(e.get("name").asText() + " " + e.get("kind").asText()));
        assertTrue(exports.containsAll(List.of("memory memory", "torvyn_evaluate_batch function",
            "torvyn_batch_area function", "torvyn_metadata_only function")), exports.toString());
        assertEquals("(i32, i32) -> (i32)", doc.get("imports").get(0).get("signature").asText());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(0, doc.get("problems").size());
    }

    @Test
    void readsWatText() {
        Assumptions.assumeTrue(WatCompiler.available(), "wat2wasm not installed");
        final Cli.Result result = Cli.run("inspect", Cli.examples().resolve("wat/content_router.wat").toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("role           router"), result.out());
        assertTrue(result.out().contains("metadata-only  yes"), result.out());
    }

    @Test
    void aModuleThatIsNoComponentListsItsContractProblemsAndExits1() throws IOException {
        final Path empty = Files.write(temp.resolve("empty.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        final Cli.Result human = Cli.run("inspect", empty.toString());
        assertEquals(1, human.exit());
        assertTrue(human.out().contains("role           none"), human.out());
        assertTrue(human.out().contains("error[E0101]"), human.out());

        final Cli.Result json = Cli.run("inspect", "--format", "json", empty.toString());
        assertEquals(1, json.exit());
        final JsonNode doc = new ObjectMapper().readTree(json.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("E0101", doc.get("problems").get(0).get("code").asText());
        assertTrue(doc.get("memory").isNull());
    }

    @Test
    void aMissingFileIsAnIoErrorAndGarbageIsAnInvalidModule() throws IOException {
        final Cli.Result missing = Cli.run("inspect", temp.resolve("nope.wasm").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("error[E0020]"), missing.err());

        final Path garbage = Files.write(temp.resolve("garbage.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 9});
        final Cli.Result invalid = Cli.run("inspect", garbage.toString());
        assertEquals(1, invalid.exit());
        assertTrue(invalid.err().startsWith("error[E0100]"), invalid.err());
    }
}
