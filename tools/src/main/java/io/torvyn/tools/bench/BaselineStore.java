package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Where bench results live: {@code .torvyn/bench/NAME.json} next to the manifest, or
 * {@code .torvyn/bench/<UTC timestamp>.json} when no name is given, and how a {@code --compare} argument finds one
 * (a path when it has a {@code /} or ends in {@code .json}, else a name). Loading checks the schema and the flow:
 * a missing baseline is E0650, another schema or flow E0651.
 */
public final class BaselineStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private final Path projectDir;
    private final Path workingDir;

    /**
     * @param projectDir the manifest's directory (results go under its {@code .torvyn/bench})
     * @param workingDir what a relative {@code --compare} path is resolved against first
     */
    public BaselineStore(final Path projectDir, final Path workingDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    public Path directory() {
        return projectDir.resolve(".torvyn").resolve("bench");
    }

    /** True when {@code name} may be used as a file name under .torvyn/bench. */
    public static boolean isValidName(final String name) {
        return NAME.matcher(name).matches() && !name.endsWith(".json");
    }

    /** The name a result saved at {@code created} without `--baseline` gets. */
    public static String timestampName(final Instant created) {
        return STAMP.format(created);
    }

    /** The file for a result named {@code name} (a timestamp name that is taken gets a suffix). */
    public Path pathFor(final String name, final boolean unique) {
        Path p = directory().resolve(name + ".json");
        for (int i = 2; unique && Files.exists(p); i++) {
            p = directory().resolve(name + "-" + i + ".json");
        }
        return p;
    }

    /** Writes {@code result} to {@code path}, creating .torvyn/bench; E0020 when that fails. */
    public void save(final BenchResult result, final Path path) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, BenchJson.write(result));
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot write the bench result: " + e,
                path.toString(), "check that the project directory is writable"));
        }
    }

    /** The file a `--compare` argument names. */
    public Path resolveCompare(final String arg) {
        if (arg.contains("/") || arg.endsWith(".json")) {
            final Path p = Path.of(arg);
            if (p.isAbsolute()) {
                return p;
            }
            final Path fromCwd = workingDir.resolve(p).normalize();
            final Path fromProject = projectDir.resolve(p).normalize();
            return Files.exists(fromCwd) || !Files.exists(fromProject) ? fromCwd : fromProject;
        }
        return directory().resolve(arg + ".json");
    }

    /** Loads the baseline a `--compare` argument names, for a bench of {@code flow}. */
    public BenchResult load(final String arg, final String flow) {
        final Path path = resolveCompare(arg);
        final String text;
        try {
            text = Files.readString(path);
        } catch (final NoSuchFileException e) {
            throw new TorvynException(new Problem(ErrorCode.E0650, "no baseline `" + arg + "`", path.toString(),
                "save one first with `torvyn bench --baseline NAME`, or pass the path of a saved result"));
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot read the baseline: " + e,
                path.toString(), "check the file's permissions"));
        }
        final JsonNode doc;
        try {
            doc = BenchJson.MAPPER.readTree(text);
        } catch (final IOException e) {
            throw incompatible(path, "it is not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (doc == null || !doc.isObject()) {
            throw incompatible(path, "it is not a JSON object");
        }
        final JsonNode schema = doc.get("schema");
        if (schema == null || !schema.isInt() || schema.asInt() != BenchResult.SCHEMA) {
            throw incompatible(path, "it has schema " + (schema == null ? "(none)" : schema.toString())
                + ", this build reads schema " + BenchResult.SCHEMA);
        }
        final BenchResult baseline;
        try {
            baseline = BenchJson.fromJson(doc);
        } catch (final BenchJson.Unreadable e) {
            throw incompatible(path, e.getMessage());
        }
        if (!baseline.flow().equals(flow)) {
            throw incompatible(path, "it measured flow `" + baseline.flow() + "`, this bench runs flow `" + flow
                + "`");
        }
        return baseline;
    }

    private static TorvynException incompatible(final Path path, final String why) {
        return new TorvynException(new Problem(ErrorCode.E0651, "the baseline cannot be compared: " + why,
            path.toString(), "compare against a result of the same flow saved by this version of torvyn bench "
            + "(--flow selects the flow), or save a new baseline"));
    }

    private static String firstLine(final String s) {
        if (s == null) {
            return "";
        }
        final int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
