package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.FlowConfig;
import io.torvyn.engine.config.Units;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.tools.bench.Bench;
import io.torvyn.tools.bench.BenchJson;
import io.torvyn.tools.bench.BenchReport;
import io.torvyn.tools.bench.BenchRequest;
import io.torvyn.tools.bench.BenchRunner;
import io.torvyn.tools.bench.BaselineStore;
import io.torvyn.tools.bench.Comparison;
import io.torvyn.tools.bench.Hint;
import io.torvyn.tools.bench.HumanReport;
import io.torvyn.tools.bench.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * `torvyn bench`: parses the flags and prints; the measurement, figures, baselines, comparison and reports are in
 * {@link io.torvyn.tools.bench}.
 */
@Command(name = "bench", description = "Benchmark a flow: throughput, latency, per-component, resources, scheduling.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--flow", description = "flow to bench (default: the first one)")
    String flow;

    @Option(names = "--duration", description = "measured window (default 10s)")
    String duration = "10s";

    @Option(names = "--warmup", description = "warm-up, discarded (default 2s)")
    String warmup = "2s";

    @Option(names = "--baseline", description = "save the result as .torvyn/bench/NAME.json")
    String baseline;

    @Option(names = "--compare", description = "compare with a saved result: a path, or a baseline name")
    String compare;

    @Option(names = "--threshold", description = "change that counts as noise when comparing (default 5%%)")
    String threshold = "5%";

    @Option(names = "--report", description = "also write a self-contained HTML report to FILE")
    Path report;

    @Option(names = "--config", description = "override a key: key.path=value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final PrintStream err = System.err;
        final long durationNs;
        final long warmupNs;
        final double thresholdPercent;
        try {
            durationNs = duration("--duration", duration, false);
            warmupNs = duration("--warmup", warmup, true);
            thresholdPercent = parseThreshold();
            if (baseline != null && !BaselineStore.isValidName(baseline)) {
                throw invalid("--baseline: `" + baseline + "` is not a valid name",
                    "use letters, digits, `.`, `_` and `-`, e.g. --baseline my-baseline");
            }
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return e.code().exitCode();
        }
        final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), overrides);
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        if (!loaded.problems().isEmpty()) {
            loaded.problems().forEach(p -> Output.problem(err, p));
            return CheckCommand.exitCode(loaded.problems());
        }
        final BenchRequest request = new BenchRequest(loaded.config(), global.manifest, overrides, System.getenv(),
            flow, warmupNs, durationNs, baseline, compare, thresholdPercent, report, Path.of("").toAbsolutePath());
        final Bench bench = new Bench(request, BenchRunner.Observer.NONE);
        installInterruptHandler(bench);
        final BenchReport result;
        try {
            if (!global.quiet) {
                final FlowConfig flowConfig = loaded.config().flow(flow);
                err.println(String.format(Locale.ROOT, "bench: warming up for %s, then measuring for %s (flow %s)",
                    warmup, duration, flowConfig == null ? flow : flowConfig.name()));
            }
            result = bench.run();
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return e.code().exitCode();
        }
        if (result.outcome().failure() != null) {
            Output.problem(err, result.outcome().failure());
        }
        if (global.json()) {
            System.out.println(Output.JSON.writeValueAsString(json(result)));
        } else {
            System.out.print(HumanReport.render(result.outcome(), shown(result.savedTo()), result.hints(),
                result.comparison()));
            if (result.reportFile() != null) {
                System.out.println("HTML report written to: " + shown(result.reportFile()));
            }
        }
        return result.exitCode();
    }

    private static long duration(final String flag, final String text, final boolean zeroAllowed) {
        final long ns;
        try {
            ns = Units.parseDuration(text);
        } catch (final IllegalArgumentException e) {
            throw invalid(flag + ": expected a duration such as 10s, found `" + text + "`",
                "use ns, us, ms, s or m, e.g. " + flag + " 30s");
        }
        if (ns < 0 || (!zeroAllowed && ns == 0)) {
            throw invalid(flag + ": expected a duration " + (zeroAllowed ? ">= 0" : "> 0") + ", found `" + text + "`",
                "e.g. " + flag + " 30s");
        }
        return ns;
    }

    private double parseThreshold() {
        try {
            return Thresholds.parsePercent(threshold);
        } catch (final IllegalArgumentException e) {
            throw invalid("--threshold: " + e.getMessage(), "e.g. --threshold 5%");
        }
    }

    private static TorvynException invalid(final String message, final String help) {
        return new TorvynException(new Problem(ErrorCode.E0702, message, "command line", help));
    }

    /** A path as the user would type it from here: relative when it is under the working directory. */
    private static Path shown(final Path p) {
        if (p == null) {
            return null;
        }
        final Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p) : p;
    }

    /** The first Ctrl-C ends the window (the run drains, the report is printed); a second one exits at once. */
    private static void installInterruptHandler(final Bench bench) {
        final AtomicBoolean interrupted = new AtomicBoolean();
        try {
            Signal.handle(new Signal("INT"), sig -> {
                if (interrupted.getAndSet(true)) {
                    System.exit(Bench.EXIT_INTERRUPTED);
                }
                bench.interrupt();
            });
        } catch (final IllegalArgumentException e) {
            // no SIGINT on this platform: Ctrl-C ends the JVM the default way
        }
    }

    private static ObjectNode json(final BenchReport r) {
        final ObjectNode doc = BenchJson.toJson(r.outcome().result());
        doc.put("saved_to", r.savedTo() == null ? null : r.savedTo().toString());
        final ArrayNode hints = doc.putArray("hints");
        for (final Hint h : r.hints()) {
            hints.addObject().put("kind", h.kind().name().toLowerCase(Locale.ROOT)).put("subject", h.subject())
                .put("text", h.text());
        }
        if (r.comparison() != null) {
            final Comparison c = r.comparison();
            final ObjectNode cmp = doc.putObject("comparison");
            cmp.put("baseline", c.baseline().name()).put("threshold_percent", c.thresholdPercent());
            final ArrayNode rows = cmp.putArray("figures");
            for (final Comparison.Row row : c.rows()) {
                rows.addObject().put("figure", row.figure().label()).put("baseline", row.baseline())
                    .put("current", row.current()).put("change_percent", row.changePercent())
                    .put("verdict", row.verdict().text());
            }
            cmp.put("regression", c.hasRegression());
        }
        if (r.reportFile() != null) {
            doc.put("report", r.reportFile().toString());
        }
        if (r.outcome().failure() != null) {
            doc.putObject("error").put("code", r.outcome().failure().code().name())
                .put("message", r.outcome().failure().message());
        }
        doc.put("exit_code", r.exitCode());
        return doc;
    }
}
