package io.torvyn.perf;

import io.torvyn.engine.config.CpuLists;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.schedule.HostCpus;
import io.torvyn.perf.harness.ForkRunner;
import io.torvyn.perf.harness.ResultTable;
import io.torvyn.perf.harness.RoundSample;
import io.torvyn.perf.harness.ScenarioSummary;
import io.torvyn.perf.harness.SuiteOptions;
import io.torvyn.perf.harness.SuiteRunner;
import io.torvyn.perf.harness.TableRow;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Entry point of the peer comparison behind the README's performance targets: runs every registered scenario (in this
 * JVM, or in {@code --forks} fresh ones) and prints one markdown table — absolute rates, ratios against each row's
 * references (its plain-Java twin first), ns per element over the first reference, exact copies per element, latency
 * percentiles of the paced rows and heap bytes per element — with the machine it ran on and a legend. Rows whose
 * prerequisites are missing print "n/a: why". Progress goes to stderr, the report to stdout (and to {@code --results}).
 * See {@link SuiteOptions#USAGE} for the options and {@link StandardScenarios} for the rows.
 */
public final class PerfSuite {

    private PerfSuite() {
    }

    public static void main(final String[] args) {
        try {
            final SuiteOptions options = SuiteOptions.parse(args);
            if (options.help()) {
                System.out.println(SuiteOptions.USAGE);
                return;
            }
            if (options.emitSamples()) {
                emitSamples(options);
                return;
            }
            final String report = run(options);
            System.out.print(report);
            if (options.results() != null) {
                write(options.results(), report, args);
            }
        } catch (final TorvynException e) {
            System.err.println(e.problem().render());
            System.exit(e.code().exitCode());
        }
    }

    /** Runs the suite with progress on stderr and returns the report: the header, the table and a legend. */
    public static String run(final SuiteOptions options) {
        return run(options, System.err);
    }

    /** Runs the suite with one progress line per round on {@code progress} and returns the report. */
    public static String run(final SuiteOptions options, final PrintStream progress) {
        final ScenarioRegistry registry = StandardScenarios.create(options.bufferSize());
        try {
            final List<Scenario> selected = select(registry, options.only());
            if (!options.references().isEmpty()) {
                resolve(registry.names(), options.references(), "--reference");
            }
            final List<List<String>> groups = groups(selected, options.sameJvm());
            final Map<String, List<RoundSample>> samples = options.forks() > 1 || groups.size() > 1
                ? ForkRunner.run(options, groups, progress)
                : new SuiteRunner(progress).samples(selected, options.events(), options.warmupRounds(),
                    options.rounds());
            final List<TableRow> rows = new ArrayList<>();
            for (final Scenario scenario : selected) {
                final ScenarioSummary summary = SuiteRunner.summarise(scenario, samples.get(scenario.name()));
                rows.add(new TableRow(scenario.group(), summary, options.references().isEmpty()
                    ? scenario.references() : options.references(), scenario.events(options.events())));
            }
            return header(options) + "\n" + ResultTable.render(rows) + "\n" + legend(selected);
        } finally {
            registry.all().forEach(Scenario::close);
        }
    }

    /**
     * The scenarios that run in the same JVMs, in table order: rows compared with each other (a group, and any row
     * another row names as its reference) share their JVMs, and every other set of rows gets fresh JVMs of its own, so
     * the code the JIT compiled for one set's flows (Wasm, journal, dedicated threads) is not what another set runs.
     * One set of everything with {@code sameJvm}.
     */
    static List<List<String>> groups(final List<Scenario> selected, final boolean sameJvm) {
        final Map<String, String> root = new LinkedHashMap<>();
        final Map<String, String> firstOfGroup = new LinkedHashMap<>();
        for (final Scenario s : selected) {
            root.put(s.name(), s.name());
        }
        for (final Scenario s : selected) {
            final String first = firstOfGroup.putIfAbsent(sameJvm ? "" : s.group(), s.name());
            if (first != null) {
                join(root, first, s.name());
            }
            for (final String ref : s.references()) {
                if (root.containsKey(ref)) {
                    join(root, ref, s.name());
                }
            }
        }
        final Map<String, List<String>> sets = new LinkedHashMap<>();
        for (final Scenario s : selected) {
            sets.computeIfAbsent(find(root, s.name()), r -> new ArrayList<>()).add(s.name());
        }
        return new ArrayList<>(sets.values());
    }

    private static String find(final Map<String, String> root, final String name) {
        String r = name;
        while (!root.get(r).equals(r)) {
            r = root.get(r);
        }
        return r;
    }

    private static void join(final Map<String, String> root, final String a, final String b) {
        final String ra = find(root, a);
        final String rb = find(root, b);
        if (!ra.equals(rb)) {
            root.put(rb, ra);
        }
    }

    private static void emitSamples(final SuiteOptions options) {
        final ScenarioRegistry registry = StandardScenarios.create(options.bufferSize());
        try {
            final Map<String, List<RoundSample>> samples = new SuiteRunner(System.err).samples(
                select(registry, options.only()), options.events(), options.warmupRounds(), options.rounds());
            samples.forEach((name, list) -> list.forEach(s -> System.out.println(ForkRunner.line(name, s))));
        } finally {
            registry.all().forEach(Scenario::close);
        }
    }

    private static void write(final Path file, final String report, final String[] args) {
        final String command = System.getProperty("torvyn.perf.command",
            "scripts/perf-suite.sh " + String.join(" ", args));
        final String text = "# Perf suite: latest results\n\n"
            + "Reproduce with `" + command + "` (quick mode finishes in a few minutes on a 2-core machine; without "
            + "`--quick` the suite runs 3 forks × 5 rounds of 20 M elements). Figures are medians of the measured "
            + "rounds; ratios compare rows of this one run. Rows compared with each other (a group, and the rows it "
            + "names as references) run in the same JVMs, and each such set in fresh JVMs of its own, so one set's JIT "
            + "profile does not shape the code another runs. On a shared 2-core VM, threads of different rows compete "
            + "for the same two cores, so absolute rates and tails are noisy: read the ratios.\n\n"
            + "```\n" + report.substring(0, report.indexOf("\n|")).trim() + "\n```\n\n"
            + report.substring(report.indexOf("\n|") + 1);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text);
            System.err.println("wrote " + file);
        } catch (final IOException e) {
            throw new TorvynException(ErrorCode.E0020, "cannot write " + file + ": " + e.getMessage(),
                "--results " + file, "choose a writable path");
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
        final HostCpus cpus = HostCpus.detect();
        return String.format(Locale.ROOT,
            "Torvyn perf suite, %s: %,d elements/round asked (slow rows run fewer, see elem/round), %d warm-up + %d "
                + "measured rounds per scenario (interleaved) × %d fork(s)%s, baseline ring/queue %d%n"
                + "Machine: %s, %d CPUs online (%s), isolated: %s, governor: %s; %s %s%n"
                + "JVM: %s %s, max heap %d MiB, GC: %s%n",
            Instant.now().truncatedTo(ChronoUnit.SECONDS), options.events(), options.warmupRounds(),
            options.rounds(), options.forks(), options.sameJvm() ? ", all groups in one JVM"
                : ", each group in JVMs of its own", options.bufferSize(), cpuModel(), cpus.online().size(),
            CpuLists.format(cpus.online()), cpus.hasIsolation() ? CpuLists.format(cpus.isolated()) : "none",
            governor(), System.getProperty("os.name"), System.getProperty("os.version"),
            System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), runtime.maxMemory() >> 20,
            collectors);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (final IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String governor() {
        try {
            return Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).trim();
        } catch (final IOException | RuntimeException e) {
            return "not readable";
        }
    }

    private static String legend(final List<Scenario> rows) {
        final StringBuilder sb = new StringBuilder(String.join("\n",
            "elem/s: elements leaving the pipeline per second of wall-clock round time (start, run, drain), median of "
                + "all measured rounds; spread: (max − min) / median of those rounds.",
            "ratio: this row's median / the reference's (paced rows: p99 / the reference's p99); Δ ns/elem: "
                + "1/rate − 1/(first reference's rate), the extra time per element.",
            "copies/elem: payload copies / delivered elements from the run's copy ledger (exact); p50/p99/p999: "
                + "end-to-end latency from each element's intended send time (coordinated-omission corrected), the first "
                + "quarter of each paced round excluded as warm-up.",
            "heap B/elem: Java-heap bytes allocated by all threads during a round / elements, median; '≥' marks a "
                + "lower bound (a thread ended unmeasured).",
            "", "Rows:"));
        for (final Scenario s : rows) {
            sb.append("\n- `").append(s.name()).append("`: ").append(s.description());
        }
        return sb.append('\n').toString();
    }
}
