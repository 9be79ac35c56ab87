package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.runtime.Flows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `torvyn check`: every problem of the manifest, its flows and components, before anything runs. */
@Command(name = "check", description = "Validate config, topology and components; list every problem found.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--config", description = "override a key: key.path=value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), overrides);
        final List<Problem> problems = new ArrayList<>(loaded.problems());
        if (loaded.config() != null) {
            problems.addAll(Flows.check(loaded.config()));
        }
        final boolean ok = problems.isEmpty();
        if (global.json()) {
            final ObjectNode doc = Output.JSON.createObjectNode();
            doc.put("ok", ok);
            final ArrayNode list = doc.putArray("problems");
            for (final Problem p : problems) {
                list.addObject().put("code", p.code().name()).put("message", p.message()).put("where", p.where())
                    .put("help", p.help());
            }
            final ArrayNode warnings = doc.putArray("warnings");
            loaded.warnings().forEach(warnings::add);
            out.println(Output.JSON.writeValueAsString(doc));
        } else {
            for (final String w : loaded.warnings()) {
                err.println("warning: " + w);
            }
            for (final Problem p : problems) {
                Output.problem(err, p);
                err.println();
            }
            if (ok) {
                if (!global.quiet) {
                    out.println("ok: " + loaded.config().flows().size() + " flow(s) checked in " + global.manifest);
                }
            } else {
                err.println(problems.size() + " problem(s) found in " + global.manifest);
            }
        }
        return exitCode(problems);
    }

    /** 0 when clean; 2 if any problem is a config one (config wins in a mix), else the first problem's code. */
    static int exitCode(final List<Problem> problems) {
        if (problems.isEmpty()) {
            return 0;
        }
        int code = 0;
        for (final Problem p : problems) {
            if (p.code().isConfigProblem()) {
                return 2;
            }
            code = Math.max(code, p.code().exitCode());
        }
        return code;
    }
}
