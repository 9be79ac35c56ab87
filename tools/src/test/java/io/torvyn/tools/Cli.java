package io.torvyn.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the `torvyn` command line in-process and captures what it prints. */
final class Cli {

    /** Exit code and the two output streams of one run. */
    record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    static synchronized Result run(final String... args) {
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exit = Torvyn.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** examples/components of this checkout, found by walking up from the working directory. */
    static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("examples").resolve("components");
            if (Files.isDirectory(candidate.resolve("c"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/components not found");
    }
}
