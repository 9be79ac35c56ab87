package io.torvyn.engine.config;

import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.util.List;

/**
 * The outcome of loading a manifest: the model, or every problem found. `check` lists all problems at once; `run`
 * just calls {@link #orThrow()}.
 *
 * @param config   the validated model, null when there is any problem
 * @param problems every problem found, in the order found
 * @param warnings things worth telling the user that do not stop the run (e.g. a TORVYN_* variable naming no key)
 */
public record ConfigResult(TorvynConfig config, List<Problem> problems, List<String> warnings) {

    public ConfigResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty() && config != null;
    }

    /** The model, or a {@link TorvynException} carrying the first problem. */
    public TorvynConfig orThrow() {
        if (!problems.isEmpty()) {
            throw new TorvynException(problems.get(0));
        }
        return config;
    }
}
