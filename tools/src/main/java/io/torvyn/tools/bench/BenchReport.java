package io.torvyn.tools.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished `torvyn bench`: the outcome, where it was saved, the hints, the comparison, where the HTML report went,
 * and the exit code the CLI returns.
 *
 * @param savedTo    null when the result was not saved (a failed or interrupted bench)
 * @param comparison null without `--compare`
 * @param reportFile null without `--report`
 */
public record BenchReport(BenchOutcome outcome, Path savedTo, List<Hint> hints, Comparison comparison,
                          Path reportFile, int exitCode) {
}
