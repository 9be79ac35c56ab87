package io.torvyn.tools;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.journal.analyze.Analysis;
import io.torvyn.journal.analyze.AnalysisFormat;
import io.torvyn.journal.analyze.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * `torvyn analyze JOURNAL_DIR`: offline analysis of a journal: copies by stage and reason, copy amplification,
 * per-stage latency from invoke timestamps, buffer lifetimes, pool reuse, the elements with the most copies.
 */
@Command(name = "analyze", description = "Offline analysis of a journal: copies, amplification, stage latency, "
    + "buffer lifetimes, pool reuse.")
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "a run directory (or a directory of runs: "
        + "the newest)")
    Path journal;

    @Override
    public Integer call() throws Exception {
        final PrintStream out = Output.utf8Out();
        final Analysis analysis;
        try {
            analysis = Analyzer.analyze(journal);
        } catch (final TorvynException e) {
            Output.problem(System.err, e.problem());
            return e.code().exitCode();
        }
        for (final Problem p : analysis.problems()) {
            Output.problem(System.err, p);
        }
        if (global.json()) {
            out.println(Output.JSON.writeValueAsString(AnalysisFormat.json(analysis)));
        } else {
            out.print(AnalysisFormat.text(analysis));
            out.flush();
        }
        return analysis.problems().isEmpty() ? 0 : ErrorCode.E0600.exitCode();
    }
}
