package io.torvyn.journal.read;

import io.torvyn.engine.error.Problem;
import io.torvyn.journal.RunInfo;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading a journal found besides its records: the header, every problem (E0600 per damaged record or tail, in
 * the order found), and whether the run's {@code flow-end} was there.
 *
 * @param directory the run directory read
 * @param records   valid records handed to the handler
 * @param skipped   damaged regions skipped (each reported in {@code problems})
 * @param complete  true when the flow queue holds flow-end: the run finished and its journal was closed
 */
public record ReadResult(Path directory, RunInfo info, List<Problem> problems, long records, long skipped,
                         boolean complete) {

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
