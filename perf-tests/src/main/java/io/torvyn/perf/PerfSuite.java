package io.torvyn.perf;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.perf.baseline.BlockingQueuePipelineBaseline;
import io.torvyn.perf.baseline.DisruptorPipelineBaseline;
import io.torvyn.perf.harness.ResultTable;
import io.torvyn.perf.harness.ScenarioSummary;
import io.torvyn.perf.harness.SuiteOptions;
import io.torvyn.perf.harness.SuiteRunner;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Entry point of the peer comparison behind the README's performance targets: runs every registered scenario in this
 * one JVM and prints a markdown table of median throughput, ratios against reference rows and heap bytes per element.
 * Progress goes to stderr, the report to stdout. See {@link SuiteOptions#USAGE} for the options and
 * {@link StandardScenarios} for the rows.
 */
public final class PerfSuite {

    private static final List<String> DEFAULT_REFERENCES =
        List.of(DisruptorPipelineBaseline.NAME, BlockingQueuePipelineBaseline.NAME);

    private PerfSuite() {
    }

    public static void main(final String[] args) {
        try {
            final SuiteOptions options = SuiteOptions.parse(args);
            if (options.help()) {
                System.out.println(SuiteOptions.USAGE);
                return;
            }
            System.out.print(run(options));
        } catch (final TorvynException e) {
            System.err.println(e.problem().render());
            System.exit(e.code().exitCode());
        }
    }

    /** Runs the suite with progress on stderr and returns the report: two header lines, the table and a legend. */
    public static String run(final SuiteOptions options) {
        return run(options, System.err);
    }

    /** Runs the suite with one progress line per round on {@code progress} and returns the report. */
    public static String run(final SuiteOptions options, final PrintStream progress) {
        final ScenarioRegistry registry = StandardScenarios.create(options.bufferSize());
        try {
            final List<Scenario> selected = select(registry, options.only());
            final List<String> selectedNames = selected.stream().map(Scenario::name).toList();
            final List<String> references = options.references().isEmpty()
                ? DEFAULT_REFERENCES.stream().filter(selectedNames::contains).toList()
                : resolve(selectedNames, options.references(), "--reference");
            final List<ScenarioSummary> rows = new SuiteRunner(progress)
                .run(selected, options.events(), options.warmupRounds(), options.rounds());
            return header(options) + "\n" + ResultTable.render(rows, references) + "\n" + legend();
        } finally {
            registry.all().forEach(Scenario::close);
        }
    }

    private static List<Scenario> select(final ScenarioRegistry registry, final List<String> only) {
        if (only.isEmpty()) {
            return registry.all();
        }
        final List<Scenario> selected = new ArrayList<>();
        for (final String name : resolve(registry.names(), only, "--only")) {
            selected.add(registry.find(name).orElseThrow());
        }
        return selected;
    }

    private static List<String> resolve(final List<String> known, final List<String> wanted, final String option) {
        for (final String name : wanted) {
            if (!known.contains(name)) {
                throw new TorvynException(ErrorCode.E0702, option + " names unknown scenario '" + name + "'",
                    "perf-suite command line", "choose from: " + String.join(", ", known));
            }
        }
        return wanted;
    }

    private static String header(final SuiteOptions options) {
        final Runtime runtime = Runtime.getRuntime();
        final String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
            "Torvyn perf suite: %,d events/round, %d warm-up + %d measured rounds per scenario (interleaved), "
                + "buffer %d%n"
                + "JVM: %s %s, %d cores, max heap %d MiB, GC: %s%n",
            options.events(), options.warmupRounds(), options.rounds(), options.bufferSize(),
            System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
            runtime.availableProcessors(), runtime.maxMemory() >> 20, collectors);
    }

    private static String legend() {
        return String.join("\n",
            "elem/s: elements leaving the pipeline per second of wall-clock round time, median of measured rounds.",
            "spread: (max - min) / median of those rounds.  × NAME: this row's median / NAME's median.",
            "heap B/elem: Java-heap bytes allocated by all threads during a round / elements, median; "
                + "'≥' marks a lower bound (a thread ended unmeasured).",
            "");
    }
}
