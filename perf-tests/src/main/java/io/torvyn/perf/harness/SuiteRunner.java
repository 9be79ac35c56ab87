package io.torvyn.perf.harness;

import io.torvyn.perf.Scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs scenarios the way the README's ratio targets need them run: in one JVM, every scenario warmed up first, then
 * the measured rounds interleaved (round 1 of every scenario, then round 2, ...) so that drift in the machine — a
 * noisy neighbour, a frequency change — lands on every row alike rather than on whichever ran last.
 *
 * <p>A round is: {@code prepare(events)} (untimed), {@code System.gc()}, allocation snapshot, start clock,
 * {@code run(events)}, stop clock, allocation reading, {@code metrics()}. The clock covers exactly the scenario's
 * {@code run}; set-up and snapshots lie outside it. Rows that are {@linkplain Scenario#unavailable() unavailable} are
 * not run at all.
 */
public final class SuiteRunner {

    private final HeapAllocationMeter meter = new HeapAllocationMeter();
    private final PrintStream progress;

    /** @param progress where one line per round goes (stderr in the suite, so stdout holds only the report) */
    public SuiteRunner(final PrintStream progress) {
        this.progress = progress;
    }

    /** Runs every scenario and returns one summary per scenario, in the given order. */
    public List<ScenarioSummary> run(final List<Scenario> scenarios, final long events, final int warmupRounds,
                                     final int rounds) {
        final Map<String, List<RoundSample>> samples = samples(scenarios, events, warmupRounds, rounds);
        final List<ScenarioSummary> summaries = new ArrayList<>();
        for (final Scenario scenario : scenarios) {
            summaries.add(summarise(scenario, samples.get(scenario.name())));
        }
        return summaries;
    }

    /** The summary of {@code scenario} from its samples (of one or several forks). */
    public static ScenarioSummary summarise(final Scenario scenario, final List<RoundSample> samples) {
        final String why = scenario.unavailable();
        if (why != null) {
            return ScenarioSummary.unavailable(scenario.name(), why);
        }
        if (samples == null || samples.isEmpty()) {
            return ScenarioSummary.unavailable(scenario.name(), "no measured round");
        }
        return ScenarioSummary.of(scenario.name(), samples);
    }

    /** The measured rounds of every runnable scenario, by name, in the given order. */
    public Map<String, List<RoundSample>> samples(final List<Scenario> scenarios, final long events,
                                                 final int warmupRounds, final int rounds) {
        final List<Scenario> runnable = new ArrayList<>();
        for (final Scenario scenario : scenarios) {
            if (scenario.unavailable() == null) {
                runnable.add(scenario);
            } else {
                progress.printf(Locale.ROOT, "skipped  %-34s n/a: %s%n", scenario.name(), scenario.unavailable());
            }
        }
        for (final Scenario scenario : runnable) {
            for (int round = 1; round <= warmupRounds; round++) {
                report("warm-up", scenario, round, warmupRounds, measureRound(scenario, scenario.events(events)));
            }
        }
        final Map<String, List<RoundSample>> samples = new LinkedHashMap<>();
        runnable.forEach(scenario -> samples.put(scenario.name(), new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (final Scenario scenario : runnable) {
                final RoundSample sample = measureRound(scenario, scenario.events(events));
                samples.get(scenario.name()).add(sample);
                report("round", scenario, round, rounds, sample);
            }
        }
        return samples;
    }

    /** One round of one scenario: its throughput, the heap all threads allocated meanwhile, and its metrics. */
    public RoundSample measureRound(final Scenario scenario, final long events) {
        scenario.prepare(events);
        System.gc();
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        final long start = System.nanoTime();
        final long processed = scenario.run(events);
        final long elapsed = System.nanoTime() - start;
        final HeapAllocation allocation = meter.allocatedSince(before);
        final double perSecond = processed * 1e9 / Math.max(1, elapsed);
        final double bytesPerElement = processed == 0 ? Double.NaN : (double) allocation.bytes() / processed;
        return new RoundSample(perSecond, bytesPerElement, allocation.exact(), scenario.metrics());
    }

    private void report(final String phase, final Scenario scenario, final int round, final int of,
                        final RoundSample sample) {
        final RoundMetrics m = sample.metrics();
        progress.printf(Locale.ROOT, "%-8s %-34s %2d/%-2d %,15.0f elem/s %10.2f heap B/elem%s%s%n", phase,
            scenario.name(), round, of, sample.elementsPerSecond(), sample.heapBytesPerElement(),
            sample.heapExact() ? "" : " (lower bound)",
            m.hasLatency() ? String.format(Locale.ROOT, "  p50 %.1f µs  p99 %.1f µs  p999 %.1f µs", m.p50Ns() / 1e3,
                m.p99Ns() / 1e3, m.p999Ns() / 1e3) : "");
    }
}
