package io.torvyn.journal.replay;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;

import java.util.List;

/**
 * What `torvyn replay` found.
 *
 * @param level       the recorded level, which decides how much was compared
 * @param elements    elements compared
 * @param operations  operations compared (at level ops: operation kinds per stage)
 * @param divergence  the first difference, or null when the replay was identical
 * @param problems    damage found in the recorded journal (E0600), which limits what could be compared
 * @param notes       things worth knowing (the manifest changed since the recording, ...)
 */
public record ReplayResult(String level, long elements, long operations, Divergence divergence,
                           List<Problem> problems, List<String> notes) {

    /** Identical, and the journal was read without damage. */
    public boolean identical() {
        return divergence == null;
    }

    /** E0602 for the divergence, or null. */
    public Problem divergenceProblem() {
        return divergence == null ? null : divergence.problem();
    }

    /** The exit code of `torvyn replay`: 0 when identical and undamaged, else 1 (E0602 / E0600). */
    public int exitCode() {
        return divergence != null ? ErrorCode.E0602.exitCode() : problems.isEmpty() ? 0 : ErrorCode.E0600.exitCode();
    }

    /** The first difference between the recorded run and the replay. */
    public record Divergence(String element, String stage, int operation, String expected, String actual,
                             String where) {

        public Problem problem() {
            return new Problem(ErrorCode.E0602, "replay diverged at " + element + ", stage `" + stage + "`"
                + (operation >= 0 ? ", operation " + (operation + 1) : "") + ": expected " + expected + ", found "
                + actual, where, "the flow's components or config changed since the recording, or a component is "
                + "not deterministic; `torvyn trace --journal DIR --show-buffers` shows the recorded path");
        }
    }
}
