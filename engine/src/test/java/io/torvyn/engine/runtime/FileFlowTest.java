package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.CollectSink;
import io.torvyn.engine.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `builtin:file` as source and sink: byte-identical round trips for every framing, and I/O failures coded E0020. */
class FileFlowTest {
    @TempDir
    Path dir;

    @Test
    void fileToCollectDeliversEachLineExactly() throws Exception {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line ").append(i).append(" ").append("x".repeat(i % 300)).append('\n');
        }
        Files.writeString(dir.resolve("in.txt"), text);
        final String toml = node("src", "builtin:file", "{\"path\":\"in.txt\"}")
            + node("out", "builtin:collect", "{\"keep\":5000}") + edges("src", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            assertNull(f.summary().outcome());
            final List<byte[]> got = ((CollectSink) f.run().component("out")).payloads();
            final String[] lines = text.toString().split("\n");
            assertEquals(lines.length, got.size());
            for (int i = 0; i < lines.length; i++) {
                assertEquals(lines[i], new String(got.get(i), StandardCharsets.UTF_8));
            }
            assertEquals(5000, f.node("src").writes());
            assertEquals(5000, f.node("out").reads());
            assertEquals(10_000, f.summary().copies());
            assertTrue(f.summary().poolsFull());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lines", "length-prefixed", "fixed:100"})
    void fileToFileIsByteIdentical(final String framing) throws Exception {
        final byte[] input = input(framing);
        Files.write(dir.resolve("in.bin"), input);
        final String json = "{\"path\":\"%s\",\"framing\":\"" + framing + "\"}";
        final String toml = node("src", "builtin:file", String.format(json, "in.bin"))
            + node("mid", "builtin:forward", null)
            + node("out", "builtin:file", String.format(json, "out/result.bin"))
            + edges("src", "mid", "mid", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            assertNull(f.summary().outcome());
            assertArrayEquals(input, Files.readAllBytes(dir.resolve("out/result.bin")));
            assertEquals(0, f.node("mid").copies());
            assertTrue(f.summary().poolsFull());
        }
    }

    @Test
    void lastLineWithoutNewlineIsStillAnElement() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "a\n\nbb\nccc");
        final String toml = node("src", "builtin:file", "{\"path\":\"in.txt\"}")
            + node("out", "builtin:collect", null) + edges("src", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            final List<byte[]> got = ((CollectSink) f.run().component("out")).payloads();
            assertEquals(List.of("a", "", "bb", "ccc"), got.stream().map(String::new).toList());
        }
    }

    @Test
    void linesLongerThanTheReadBufferArriveWhole() throws Exception {
        final String big = "y".repeat(3 * 1024 * 1024);
        Files.writeString(dir.resolve("in.txt"), "a\n" + big + "\nb\n");
        final String toml = node("src", "builtin:file", "{\"path\":\"in.txt\"}")
            + node("out", "builtin:file", "{\"path\":\"out.txt\"}") + edges("src", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            assertNull(f.summary().outcome());
            assertEquals("a\n" + big + "\nb\n", Files.readString(dir.resolve("out.txt")));
            assertTrue(f.summary().poolsFull());
        }
    }

    @Test
    void aFullDiskFailsWithIoErrorAndLosesNoBuffer() throws Exception {
        final Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "needs /dev/full");
        final String toml = node("gen", "builtin:generator", "{\"count\":200000,\"size\":200}")
            + node("out", "builtin:file", "{\"path\":\"/dev/full\"}") + edges("gen", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            assertNotNull(f.summary().outcome());
            assertEquals(ErrorCode.E0020, f.summary().outcome().code());
            assertTrue(f.summary().outcome().message().contains("/dev/full"));
            assertTrue(f.summary().exitCode() != 0);
            assertTrue(f.summary().poolsFull(), "a failed sink still returns every buffer");
        }
    }

    @Test
    void truncatedLengthPrefixedInputIsCoded() throws Exception {
        Files.write(dir.resolve("in.bin"), new byte[] {0, 0, 0, 9, 'a', 'b'});
        final String toml = node("src", "builtin:file", "{\"path\":\"in.bin\",\"framing\":\"length-prefixed\"}")
            + node("out", "builtin:null", null) + edges("src", "out");
        try (FlowHarness.Finished f = FlowHarness.run(toml, dir, -1)) {
            assertEquals(ErrorCode.E0020, f.summary().outcome().code());
            assertTrue(f.summary().poolsFull());
        }
    }

    private static byte[] input(final String framing) throws Exception {
        final Random r = new Random(42);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (framing.equals("lines")) {
            for (int i = 0; i < 3000; i++) {
                bytes.write(("{\"n\":" + i + ",\"pad\":\"" + "z".repeat(r.nextInt(500)) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            }
        } else if (framing.equals("length-prefixed")) {
            final DataOutputStream out = new DataOutputStream(bytes);
            for (int i = 0; i < 3000; i++) {
                final byte[] rec = new byte[r.nextInt(5000)];
                r.nextBytes(rec);
                out.writeInt(rec.length);
                out.write(rec);
            }
        } else {
            final byte[] all = new byte[100 * 3000 + 37];
            r.nextBytes(all);
            bytes.write(all);
        }
        return bytes.toByteArray();
    }
}
