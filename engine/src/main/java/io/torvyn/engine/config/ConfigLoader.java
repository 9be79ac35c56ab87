package io.torvyn.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.error.ErrorCode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads `Torvyn.toml` into a validated {@link TorvynConfig}. The one entry point for configuration: the CLI, the
 * runtime and tests all go through it, so defaults, precedence (`--config` &gt; `TORVYN_*` &gt; file &gt; defaults)
 * and validation are the same everywhere. Every problem is collected (not only the first), each naming the file or
 * flag and the key path, with expected vs found.
 */
public final class ConfigLoader {

    /** The manifest's file name, looked up when {@link #load} is given a directory. */
    public static final String MANIFEST_NAME = "Torvyn.toml";

    private ConfigLoader() {
    }

    /**
     * Loads {@code manifest} (a `Torvyn.toml`, or a directory holding one); relative paths in it resolve against its
     * directory. A missing manifest is E0001, an unreadable one E0020.
     *
     * @param env       the environment (`${VAR}` substitution and `TORVYN_*` overrides), e.g. {@code System.getenv()}
     * @param overrides `--config key.path=value` arguments, later ones winning
     */
    public static ConfigResult load(final Path manifest, final Map<String, String> env, final List<String> overrides) {
        final Path file = Files.isDirectory(manifest) ? manifest.resolve(MANIFEST_NAME) : manifest;
        final Diagnostics diag = new Diagnostics(label(file));
        if (!Files.exists(file)) {
            diag.problemAt(ErrorCode.E0001, "no " + MANIFEST_NAME + " at " + file, file.toString(),
                "run `torvyn init NAME` to create a project, or run from the directory that holds " + MANIFEST_NAME);
            return new ConfigResult(null, diag.problems(), diag.warnings());
        }
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final CharacterCodingException e) {
            diag.problemAt(ErrorCode.E0700, "TOML syntax error: the file is not valid UTF-8", file.toString(),
                "save " + file.getFileName() + " as UTF-8");
            return new ConfigResult(null, diag.problems(), diag.warnings());
        } catch (final IOException e) {
            diag.problemAt(ErrorCode.E0020, "cannot read " + file + ": " + e.getMessage(), file.toString(),
                "check that the file exists and is readable");
            return new ConfigResult(null, diag.problems(), diag.warnings());
        }
        final Path baseDir = file.toAbsolutePath().normalize().getParent();
        return parse(text, file, baseDir, env, overrides);
    }

    /**
     * Parses and validates manifest text.
     *
     * @param sourceFile the file the text came from, for messages and {@link TorvynConfig#file()} (may be null)
     * @param baseDir    what relative paths resolve against (may be null: left relative)
     * @param env        the environment for `${VAR}` and `TORVYN_*`
     * @param overrides  `--config key.path=value` arguments
     */
    public static ConfigResult parse(final String tomlText, final Path sourceFile, final Path baseDir,
                                     final Map<String, String> env, final List<String> overrides) {
        final Diagnostics diag = new Diagnostics(label(sourceFile));
        final ObjectNode root = ConfigTree.parse(tomlText, diag);
        if (root == null) {
            return new ConfigResult(null, diag.problems(), diag.warnings());
        }
        ConfigTree.substituteEnv(root, "", env, diag);
        ConfigTree.applyEnv(root, env, diag);
        ConfigTree.applyOverrides(root, overrides, diag);
        final TorvynConfig config = new ConfigReader(diag, sourceFile, baseDir).read(root);
        return new ConfigResult(config, diag.problems(), diag.warnings());
    }

    /**
     * A valid model from {@code tomlText} with no environment and no overrides, paths relative to {@code baseDir}:
     * the shortest way for code and tests to get a config. Throws the first problem as a TorvynException.
     */
    public static TorvynConfig fromString(final String tomlText, final Path baseDir) {
        return parse(tomlText, Path.of(MANIFEST_NAME), baseDir, Map.of(), List.of()).orThrow();
    }

    /** {@link #fromString(String, Path)} relative to the current directory. */
    public static TorvynConfig fromString(final String tomlText) {
        return fromString(tomlText, Path.of("").toAbsolutePath());
    }

    /**
     * A project named "default", version 0.1.0, with no components or flows and every other value at its default;
     * for code that needs a runtime config without a manifest. See {@link ConfigDefaults} for the parts.
     */
    public static TorvynConfig defaults() {
        return fromString("[torvyn]\nname = \"default\"\nversion = \"0.1.0\"\n");
    }

    /** "Torvyn.toml: flow.main.edges[3]": the `where` of a problem at {@code keyPath} of the manifest {@code file}. */
    public static String where(final Path file, final String keyPath) {
        final String label = label(file);
        return keyPath == null || keyPath.isEmpty() ? label : label + ": " + keyPath;
    }

    private static String label(final Path file) {
        return file == null ? MANIFEST_NAME : file.toString();
    }
}
