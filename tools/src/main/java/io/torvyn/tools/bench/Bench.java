package io.torvyn.tools.bench;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.topology.Topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One `torvyn bench`, start to finish: check the baseline first (so a missing or incompatible one fails before the
 * flow runs), measure with {@link BenchRunner}, compute the figures, save the result, compare, and write the HTML
 * report. Problems are thrown as {@link TorvynException}s with their spec codes; the CLI only prints.
 */
public final class Bench {
    public static final int EXIT_INTERRUPTED = 130;

    private final BenchRequest request;
    private final BenchRunner runner;

    public Bench(final BenchRequest request, final BenchRunner.Observer observer) {
        this.request = request;
        this.runner = new BenchRunner(request.warmupNs(), request.durationNs(), observer);
    }

    /** Ctrl-C: the current run is cancelled and drained, and the bench reports what it measured. */
    public void interrupt() {
        runner.interrupt();
    }

    /** The name of the flow this bench runs (the first flow when none was asked for). */
    public static String flowName(final BenchRequest request) {
        final Topology topology = Flows.topology(request.config(), request.flow());
        return topology.flowName();
    }

    public BenchReport run() throws InterruptedException {
        final String flow = flowName(request);
        final Path projectDir = request.config().baseDir() != null ? request.config().baseDir()
            : request.manifest().toAbsolutePath().getParent();
        final BaselineStore store = new BaselineStore(projectDir, request.workingDir());
        final BenchResult baseline = request.compare() == null ? null : store.load(request.compare(), flow);

        final MeasuredWindow window = runner.measure(
            () -> Flows.prepare(request.config(), request.flow(), RunOptions.UNBOUNDED));
        final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final String name = request.baselineName() != null ? request.baselineName()
            : BaselineStore.timestampName(created);
        final FigureCalculator.Identity id = new FigureCalculator.Identity(name, created.toString(), machine(),
            ConfigHash.of(request.manifest(), request.overrides(), request.env()));
        final BenchOutcome outcome = FigureCalculator.compute(request.config(), window, id, request.warmupNs());

        final boolean complete = outcome.failure() == null && !runner.wasInterrupted();
        Path savedTo = null;
        if (complete) {
            savedTo = store.pathFor(name, request.baselineName() == null);
            store.save(outcome.result(), savedTo);
        }
        final List<Hint> hints = TuningHints.of(outcome.result(), outcome.details());
        final Comparison comparison = baseline == null || !complete ? null
            : Comparison.of(baseline, outcome.result(), request.thresholdPercent());
        Path reportFile = null;
        if (request.report() != null) {
            reportFile = request.workingDir().resolve(request.report()).normalize();
            writeReport(reportFile, HtmlReport.render(outcome, savedTo, hints, comparison));
        }
        final int exit;
        if (outcome.failure() != null) {
            exit = outcome.failure().code().exitCode();
        } else if (runner.wasInterrupted()) {
            exit = EXIT_INTERRUPTED;
        } else if (comparison != null && comparison.hasRegression()) {
            exit = Comparison.EXIT_REGRESSION;
        } else {
            exit = 0;
        }
        return new BenchReport(outcome, savedTo, hints, comparison, reportFile, exit);
    }

    /** The machine a result is measured on: cores the JVM may use, JDK version, OS name and kernel version. */
    public static BenchResult.Machine machine() {
        return new BenchResult.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static void writeReport(final Path file, final String html) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, html);
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot write the HTML report: " + e,
                file.toString(), "choose a writable path for --report"));
        }
    }
}
