package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.journal.replay.ReplayResult;
import io.torvyn.journal.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `torvyn replay JOURNAL_DIR`: runs the recorded flow again (from the recorded source payloads at level payloads)
 * and checks it did the same, element by element and stage by stage. The manifest is the recorded one (the file, or
 * the text kept in the journal) unless `--manifest` names another.
 */
@Command(name = "replay", description = "Re-run a recorded run from its journal and verify it deterministically.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the run directory of a journal")
    Path journal;

    @Override
    public Integer call() throws Exception {
        final PrintStream out = Output.utf8Out();
        final PrintStream err = System.err;
        TorvynConfig config = null;
        if (spec.commandLine().getParseResult().hasMatchedOption("--manifest")) {
            final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), List.of());
            if (!loaded.problems().isEmpty()) {
                loaded.problems().forEach(p -> Output.problem(err, p));
                return CheckCommand.exitCode(loaded.problems());
            }
            config = loaded.config();
        }
        final ReplayResult result;
        try {
            result = new Replayer(journal, config, null).replay();
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return e.code().exitCode();
        }
        for (final Problem p : result.problems()) {
            Output.problem(err, p);
        }
        result.notes().forEach(n -> err.println("note: " + n));
        if (global.json()) {
            final ObjectNode doc = Output.JSON.createObjectNode();
            doc.put("journal", journal.toString()).put("level", result.level()).put("identical", result.identical())
                .put("elements", result.elements()).put("operations", result.operations())
                .put("exit_code", result.exitCode());
            if (result.divergence() != null) {
                final ReplayResult.Divergence d = result.divergence();
                doc.putObject("divergence").put("element", d.element()).put("stage", d.stage())
                    .put("operation", d.operation() + 1).put("expected", d.expected()).put("actual", d.actual());
            }
            final var problems = doc.putArray("problems");
            result.problems().forEach(p -> problems.addObject().put("code", p.code().name())
                .put("message", p.message()).put("where", p.where()));
            out.println(Output.JSON.writeValueAsString(doc));
        } else if (result.identical()) {
            out.println("identical: " + result.elements() + " elements, " + result.operations()
                + " operations" + ("ops".equals(result.level()) ? " (level ops: counts and sizes per stage)" : ""));
        } else {
            Output.problem(err, result.divergenceProblem());
            final ReplayResult.Divergence d = result.divergence();
            out.println("diverged at " + d.element() + ", stage " + d.stage()
                + (d.operation() >= 0 ? ", operation " + (d.operation() + 1) : ""));
            out.println("  expected: " + d.expected());
            out.println("  actual:   " + d.actual());
            out.println("  (" + result.elements() + " elements, " + result.operations()
                + " operations identical before it)");
        }
        return result.exitCode();
    }
}
