package io.torvyn.tools;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays out a new project from a {@link ProjectTemplate}: Torvyn.toml, the components in C (with torvyn.h) and WAT
 * with their prebuilt .wasm, build.sh, data files. Kept apart from the picocli command so tests and other tools can
 * create projects in-process.
 */
final class ProjectWriter {

    static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ROOT = "/templates/";

    private ProjectWriter() {
    }

    /**
     * Creates the project in {@code target} and returns the files written, relative to it. Raises E0003 when the
     * target is a non-empty directory and {@code force} is off (or is not a directory at all), E0702 for a directory
     * name that is not a valid project name, E0020 when a file cannot be written.
     */
    static List<Path> create(final Path target, final ProjectTemplate template, final boolean force) {
        final Path dir = target.toAbsolutePath().normalize();
        final String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!PROJECT_NAME.matcher(name).matches()) {
            throw new TorvynException(new Problem(ErrorCode.E0702, "`" + name + "` is not a valid project name",
                target.toString(), "use 1 to 64 letters, digits, '-' or '_' for the directory name"));
        }
        requireUsable(dir, target, force);
        final List<Path> written = new ArrayList<>();
        try {
            final Writer out = new Writer(dir, written);
            out.text("Torvyn.toml", substitute(resource(template.id() + "/Torvyn.toml"), name, template));
            out.text("README.md", substitute(resource("project/README.md"), name, template));
            out.text(".gitignore", resource("project/gitignore"));
            out.text("build.sh", resource("project/build.sh"));
            makeExecutable(dir.resolve("build.sh"));
            out.bytes("components/torvyn.h", resourceBytes("components/torvyn.h"));
            for (final String component : template.components()) {
                out.bytes("components/" + component + ".c", resourceBytes("components/c/" + component + ".c"));
                out.bytes("components/" + component + ".wasm",
                    resourceBytes("components/c/" + component + ".wasm"));
                final byte[] wat = optionalResource("components/wat/" + component + ".wat");
                if (wat != null) {
                    out.bytes("components/" + component + ".wat", wat);
                }
            }
            for (final String data : template.dataFiles()) {
                out.bytes("data/" + data, resourceBytes("data/" + data));
            }
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot write the project: " + e.getMessage(),
                dir.toString(), "check that the directory is writable and the disk is not full"), e);
        }
        return written;
    }

    private static void requireUsable(final Path dir, final Path target, final boolean force) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new TorvynException(new Problem(ErrorCode.E0003, target + " exists and is not a directory",
                target.toString(), "choose another name"));
        }
        if (force) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new TorvynException(new Problem(ErrorCode.E0003, "directory " + target
                    + " already exists and is not empty", target.toString(),
                    "choose another name, or pass --force to write the project files into it (files with the same "
                        + "names are overwritten, others are kept)"));
            }
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot read " + target + ": " + e.getMessage(),
                target.toString(), "check the directory's permissions"), e);
        }
    }

    private static String substitute(final String text, final String name, final ProjectTemplate template) {
        return text.replace("{{name}}", name).replace("{{template}}", template.id());
    }

    private static void makeExecutable(final Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (final UnsupportedOperationException e) {
            file.toFile().setExecutable(true);
        }
    }

    private static String resource(final String path) {
        return new String(resourceBytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(final String path) {
        final byte[] bytes = optionalResource(path);
        if (bytes == null) {
            throw new TorvynException(new Problem(ErrorCode.E0900, "internal error: template resource " + ROOT + path
                + " is missing from the torvyn jar", ROOT + path, "this is a bug in the build; please report it"));
        }
        return bytes;
    }

    private static byte[] optionalResource(final String path) {
        try (InputStream in = ProjectWriter.class.getResourceAsStream(ROOT + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0900, "internal error: cannot read template resource "
                + ROOT + path + ": " + e.getMessage(), ROOT + path, "this is a bug; please report it"), e);
        }
    }

    /** Writes files under the project directory, creating parents, and remembers what it wrote. */
    private record Writer(Path dir, List<Path> written) {
        void text(final String relative, final String content) throws IOException {
            bytes(relative, content.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(final String relative, final byte[] content) throws IOException {
            final Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            written.add(Path.of(relative));
        }
    }
}
