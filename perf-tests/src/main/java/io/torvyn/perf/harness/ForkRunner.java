package io.torvyn.perf.harness;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Repeats the suite in fresh JVMs — same class path, same JVM flags — and gathers their raw samples, so the table's
 * medians span JIT and heap-layout luck as well as round-to-round noise. A fork prints one line per measured round
 * ({@link #line}); its progress goes straight to this JVM's stderr.
 */
public final class ForkRunner {

    private static final String PREFIX = "sample\t";

    private ForkRunner() {
    }

    /** One measured round as a fork prints it. */
    public static String line(final String scenario, final RoundSample s) {
        final RoundMetrics m = s.metrics();
        return String.format(Locale.ROOT, "%s%s\t%s\t%s\t%b\t%s\t%d\t%d\t%d", PREFIX, scenario, s.elementsPerSecond(),
            s.heapBytesPerElement(), s.heapExact(), m.copiesPerElement(), m.p50Ns(), m.p99Ns(), m.p999Ns());
    }

    /** The sample of a fork's line, or null for any other line. */
    static Map.Entry<String, RoundSample> parse(final String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        final String[] f = line.substring(PREFIX.length()).split("\t");
        return Map.entry(f[0], new RoundSample(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Boolean.parseBoolean(f[3]), new RoundMetrics(Double.parseDouble(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[6]), Long.parseLong(f[7]))));
    }

    /**
     * Runs {@code forks} rounds of child JVMs of the suite one after another, one child per group of
     * {@code groups} (scenario names; a single group of all names runs everything together), and returns all their
     * samples by scenario.
     */
    public static Map<String, List<RoundSample>> run(final SuiteOptions options, final List<List<String>> groups,
                                                     final PrintStream progress) {
        final Map<String, List<RoundSample>> all = new LinkedHashMap<>();
        for (int fork = 1; fork <= options.forks(); fork++) {
            for (final List<String> group : groups) {
                progress.printf(Locale.ROOT, "fork %d/%d: %s%n", fork, options.forks(), String.join(", ", group));
                runFork(options, options.forkArguments(group), fork, all);
            }
        }
        return all;
    }

    private static void runFork(final SuiteOptions options, final List<String> arguments, final int fork,
                                final Map<String, List<RoundSample>> all) {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.torvyn.perf.PerfSuite");
        cmd.addAll(arguments);
        try {
            final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    final Map.Entry<String, RoundSample> sample = parse(line);
                    if (sample != null) {
                        all.computeIfAbsent(sample.getKey(), k -> new ArrayList<>()).add(sample.getValue());
                    }
                }
            }
            final int exit = p.waitFor();
            if (exit != 0) {
                throw new TorvynException(ErrorCode.E0900, "perf-suite fork " + fork + " exited with " + exit,
                    "perf-suite fork", "run the suite with --forks 1 --same-jvm to see the failure in this JVM");
            }
        } catch (final IOException e) {
            throw new TorvynException(ErrorCode.E0020, "cannot start a perf-suite fork: " + e.getMessage(),
                "perf-suite fork", "check that java.home and the class path are readable");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
