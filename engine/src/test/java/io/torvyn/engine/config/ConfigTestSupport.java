package io.torvyn.engine.config;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers for config tests: sample manifests and problem lookups. */
final class ConfigTestSupport {

    static final String HEADER = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n";
    static final Path BASE = Path.of("/project");

    private ConfigTestSupport() {
    }

    static Path sample(final String name) {
        try {
            return Path.of(ConfigTestSupport.class.getResource("/configs/" + name).toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigResult parse(final String toml) {
        return parse(toml, Map.of(), List.of());
    }

    static ConfigResult parse(final String toml, final Map<String, String> env, final List<String> overrides) {
        return ConfigLoader.parse(toml, Path.of("Torvyn.toml"), BASE, env, overrides);
    }

    /** Asserts the result failed with exactly one problem, of {@code code}, and returns it. */
    static Problem single(final ConfigResult result, final ErrorCode code) {
        assertFalse(result.ok(), "expected a problem");
        assertNull(result.config());
        assertEquals(1, result.problems().size(), () -> "problems: " + render(result.problems()));
        assertEquals(code, result.problems().get(0).code(), () -> render(result.problems()));
        return result.problems().get(0);
    }

    /** The one problem of {@code code}; fails when there is none or several. */
    static Problem only(final List<Problem> problems, final ErrorCode code) {
        final List<Problem> matching = problems.stream().filter(p -> p.code() == code).collect(Collectors.toList());
        if (matching.size() != 1) {
            fail("expected one " + code + " in: " + render(problems));
        }
        return matching.get(0);
    }

    static String render(final List<Problem> problems) {
        return problems.stream().map(Problem::render).collect(Collectors.joining("\n"));
    }
}
