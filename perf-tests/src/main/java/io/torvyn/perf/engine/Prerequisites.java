package io.torvyn.perf.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the engine rows need that may not be there: the example components of this checkout and the journal module.
 * A missing prerequisite turns a row into "n/a: why" in the table instead of a failure or, worse, a made-up figure.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * The checkout's root: {@code -Dtorvyn.repo} when set (scripts/perf-suite.sh sets it), else the nearest parent of
     * the working directory that holds examples/components; null when neither exists.
     */
    public static Path repo() {
        final String configured = System.getProperty("torvyn.repo");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("examples").resolve("components"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** {@code relative} inside the checkout, or null when it is not there. */
    public static Path file(final String relative) {
        final Path root = repo();
        if (root == null) {
            return null;
        }
        final Path p = root.resolve(relative);
        return Files.isRegularFile(p) ? p : null;
    }

    /** Null when the journal module can record runs here, else why not. */
    public static String journal() {
        try {
            final Class<?> journals = Class.forName("io.torvyn.engine.journal.RunJournals");
            final Class<?> factory = Class.forName("io.torvyn.engine.journal.RunJournalFactory");
            final Object discovered = journals.getMethod("discovered").invoke(null);
            final Object none = factory.getField("NONE").get(null);
            return discovered == none ? "no journal implementation on the class path" : null;
        } catch (final ReflectiveOperationException | LinkageError e) {
            return "the Chronicle journal (branch `journal`) has not landed on main yet";
        }
    }

    /** Null when the Wasmtime native library loads, else why not. */
    public static String wasmtime() {
        try {
            io.torvyn.engine.wasm.wasmtime.WasmtimeNativeLibrary.ensureLoaded();
            return null;
        } catch (final RuntimeException | LinkageError e) {
            return "the Wasmtime native library does not load here (" + e.getMessage() + ")";
        }
    }
}
