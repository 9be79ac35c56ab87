package io.torvyn.tools;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.JournalConfig;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.read.ReadResult;
import io.torvyn.journal.trace.Trace;
import io.torvyn.journal.trace.TraceBuilder;
import io.torvyn.journal.trace.TraceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `torvyn trace`: runs the flow for N elements with the journal on (level ops, or payloads when the manifest asks for
 * it) and prints each element's path through the stages, read back from that journal; with `--journal` it reads an
 * existing journal instead of running anything.
 */
@Command(name = "trace", description = "Run a flow for N elements with the journal on (or read one with --journal) "
    + "and print each element's path.")
final class TraceCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 10;

    @Mixin
    GlobalOptions global;

    @Option(names = "--flow", description = "flow to trace (default: the first one)")
    String flow;

    @Option(names = "--limit", description = "elements to run and show (default: " + DEFAULT_LIMIT + ")")
    int limit = DEFAULT_LIMIT;

    @Option(names = "--show-buffers", description = "list each stage's buffer operations")
    boolean showBuffers;

    @Option(names = "--show-backpressure", description = "add queue depth at each enqueue and any stall")
    boolean showBackpressure;

    @Option(names = "--journal", paramLabel = "DIR", description = "read this journal instead of running the flow")
    Path journal;

    @Option(names = "--config", description = "override a key: key.path=value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final PrintStream out = Output.utf8Out();
        final PrintStream err = System.err;
        if (limit < 1) {
            Output.problem(err, new Problem(ErrorCode.E0702, "--limit: expected at least 1, found " + limit,
                "command line", "use e.g. --limit 100"));
            return 2;
        }
        int exit = 0;
        Path dir = journal;
        if (dir == null) {
            final RunOutcome ran = runJournaled(err);
            if (ran.dir == null) {
                return ran.exit;
            }
            dir = ran.dir;
            exit = ran.exit;
        }
        final TraceBuilder builder = new TraceBuilder(limit);
        final ReadResult read;
        try {
            read = JournalReader.read(dir, builder);
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return e.code().exitCode();
        }
        for (final Problem p : read.problems()) {
            Output.problem(err, p);
        }
        final Trace trace = builder.build(read.info(), showBackpressure);
        if (global.json()) {
            final var doc = TraceFormat.json(trace);
            doc.put("journal", read.directory().toString());
            final var problems = doc.putArray("problems");
            read.problems().forEach(p -> problems.addObject().put("code", p.code().name())
                .put("message", p.message()).put("where", p.where()).put("help", p.help()));
            out.println(Output.JSON.writeValueAsString(doc));
        } else {
            out.print(TraceFormat.text(trace, showBuffers));
            out.flush();
        }
        if (exit == 0 && read.hasProblems()) {
            exit = ErrorCode.E0600.exitCode();
        }
        return exit;
    }

    /** Where the journal of the trace run went (null when the run could not start) and the exit code so far. */
    private record RunOutcome(Path dir, int exit) {
    }

    private RunOutcome runJournaled(final PrintStream err) throws InterruptedException {
        final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), overrides);
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        if (!loaded.problems().isEmpty()) {
            loaded.problems().forEach(p -> Output.problem(err, p));
            return new RunOutcome(null, CheckCommand.exitCode(loaded.problems()));
        }
        final TorvynConfig config = loaded.config();
        final JournalLevel level = config.journal().level() == JournalLevel.PAYLOADS ? JournalLevel.PAYLOADS
            : JournalLevel.OPS;
        final TorvynConfig journaled = config.withJournal(new JournalConfig(level, config.journal().path()));
        final FlowRun run;
        try {
            run = Flows.prepare(journaled, flow, new RunOptions(limit, 0));
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return new RunOutcome(null, e.code().exitCode());
        }
        try {
            run.start();
            run.await(0);
        } finally {
            run.close();
        }
        run.warnings().forEach(w -> err.println("warning: " + w));
        final Problem outcome = run.outcome();
        if (outcome != null) {
            Output.problem(err, outcome);
        }
        if (!global.quiet) {
            err.println("journal: " + run.journal().directory());
        }
        return new RunOutcome(run.journal().directory(), outcome == null ? 0 : outcome.code().exitCode());
    }
}
