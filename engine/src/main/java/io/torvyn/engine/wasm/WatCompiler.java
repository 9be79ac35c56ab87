package io.torvyn.engine.wasm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Turns WAT text into a Wasm binary with {@code wat2wasm} (Debian package {@code wabt}). Neither engine's metadata
 * path reads text (Chicory cannot, and wasmtime-java exposes no export list), so a {@code .wat} component goes
 * through here on both engines, once per run thanks to the engines' compile caches. The tool is looked up as
 * {@code -Dtorvyn.wat2wasm=PATH} or on {@code PATH}.
 */
public final class WatCompiler {

    public static final String TOOL = "wat2wasm";
    private static final String TOOL_PROPERTY = "torvyn.wat2wasm";
    private static final long TIMEOUT_SECONDS = 60;

    private WatCompiler() {
    }

    /** The {@code wat2wasm} executable, or null when it is not installed. */
    public static Path locate() {
        final String configured = System.getProperty(TOOL_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            final Path path = Path.of(configured);
            return Files.isExecutable(path) ? path : null;
        }
        final String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return null;
        }
        for (final String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            final Path candidate = Path.of(dir, TOOL);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static boolean available() {
        return locate() != null;
    }

    /**
     * Compiles WAT text; raises E0010 when {@code wat2wasm} is missing and E0100 when the text does not compile (with
     * the tool's first diagnostic line).
     */
    public static byte[] toWasm(final byte[] wat, final String name) {
        final Path tool = locate();
        if (tool == null) {
            throw WasmFailures.toolchainMissing(name, TOOL,
                "install wabt (apt-get install wabt) or give a .wasm binary; `torvyn doctor` checks the toolchain");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("torvyn-wat");
            final Path input = dir.resolve("module.wat");
            final Path output = dir.resolve("module.wasm");
            final Path errors = dir.resolve("stderr.txt");
            Files.write(input, wat);
            final Process process = new ProcessBuilder(tool.toString(), input.toString(), "-o", output.toString())
                .redirectErrorStream(true)
                .redirectOutput(errors.toFile())
                .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw WasmFailures.moduleInvalid(name, TOOL + " did not finish within " + TIMEOUT_SECONDS + " s", null);
            }
            if (process.exitValue() != 0) {
                final String diagnostic = Files.readString(errors, StandardCharsets.UTF_8)
                    .replace(input.toString(), name).strip();
                throw WasmFailures.moduleInvalid(name, diagnostic, null);
            }
            return Files.readAllBytes(output);
        } catch (final IOException e) {
            throw WasmFailures.moduleInvalid(name, "running " + TOOL + " failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WasmFailures.moduleInvalid(name, "interrupted while running " + TOOL, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(final Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (final IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
