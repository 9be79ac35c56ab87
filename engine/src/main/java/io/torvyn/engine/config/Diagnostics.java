package io.torvyn.engine.config;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one load and knows where each key came from, so a bad value set by `--config` or a
 * `TORVYN_*` variable is reported against that flag or variable instead of a file line the user never wrote.
 */
final class Diagnostics {

    /**
     * Where a value that did not come from the file was set.
     *
     * @param describe the flag or variable as the user typed it ("--config runtime.worker_threads=4")
     * @param rawText  the value text before it was parsed as TOML, for keys that take a string
     */
    record Origin(String describe, String rawText) {
    }

    private final String fileLabel;
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Diagnostics(final String fileLabel) {
        this.fileLabel = fileLabel;
    }

    void origin(final String keyPath, final Origin origin) {
        origins.put(keyPath, origin);
    }

    /** The origin of {@code keyPath} or of the nearest enclosing table set as a whole, or null for file values. */
    Origin originOf(final String keyPath) {
        String path = keyPath;
        while (true) {
            final Origin origin = origins.get(path);
            if (origin != null) {
                return origin;
            }
            final int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            path = path.substring(0, cut);
        }
    }

    String where(final String keyPath) {
        final Origin origin = originOf(keyPath);
        if (origin != null) {
            return origin.describe();
        }
        return keyPath.isEmpty() ? fileLabel : fileLabel + ": " + keyPath;
    }

    void problem(final ErrorCode code, final String message, final String keyPath, final String help) {
        problems.add(new Problem(code, message, where(keyPath), help));
    }

    void problemAt(final ErrorCode code, final String message, final String where, final String help) {
        problems.add(new Problem(code, message, where, help));
    }

    void warning(final String warning) {
        warnings.add(warning);
    }

    List<Problem> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }

    String fileLabel() {
        return fileLabel;
    }
}
