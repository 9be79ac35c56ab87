package io.torvyn.perf.harness;

import io.torvyn.perf.Scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs scenarios the way the README's ratio targets need them run: in one JVM, every scenario warmed up first, then
 * the measured rounds interleaved (round 1 of every scenario, then round 2, ...) so that drift in the machine — a
 * noisy neighbour, a frequency change — lands on every row alike rather than on whichever ran last.
 *
 * <p>A round is: {@code System.gc()}, allocation snapshot, start clock, {@code run(events)}, stop clock, allocation
 * reading. The clock covers exactly the scenario's {@code run}; the snapshots lie outside it.
 */
public final class SuiteRunner {

    private final HeapAllocationMeter meter = new HeapAllocationMeter();
    private final PrintStream progress;

    /** @param progress where one line per round goes (stderr in the suite, so stdout holds only the report) */
    public SuiteRunner(final PrintStream progress) {
        this.progress = progress;
    }

    public List<ScenarioSummary> run(final List<Scenario> scenarios, final long events, final int warmupRounds,
                                     final int rounds) {
        for (final Scenario scenario : scenarios) {
            for (int round = 1; round <= warmupRounds; round++) {
                report("warm-up", scenario, round, warmupRounds, measureRound(scenario, events));
            }
        }
        final List<List<RoundSample>> samples = new ArrayList<>();
        scenarios.forEach(scenario -> samples.add(new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < scenarios.size(); i++) {
                final RoundSample sample = measureRound(scenarios.get(i), events);
                samples.get(i).add(sample);
                report("round", scenarios.get(i), round, rounds, sample);
            }
        }
        final List<ScenarioSummary> summaries = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            summaries.add(ScenarioSummary.of(scenarios.get(i).name(), samples.get(i)));
        }
        return summaries;
    }

    /** One round of one scenario: its throughput and the heap all threads allocated meanwhile. */
    public RoundSample measureRound(final Scenario scenario, final long events) {
        System.gc();
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        final long start = System.nanoTime();
        final long processed = scenario.run(events);
        final long elapsed = System.nanoTime() - start;
        final HeapAllocation allocation = meter.allocatedSince(before);
        final double perSecond = processed * 1e9 / Math.max(1, elapsed);
        final double bytesPerElement = processed == 0 ? Double.NaN : (double) allocation.bytes() / processed;
        return new RoundSample(perSecond, bytesPerElement, allocation.exact());
    }

    private void report(final String phase, final Scenario scenario, final int round, final int of,
                        final RoundSample sample) {
        progress.printf(Locale.ROOT, "%-8s %-28s %2d/%-2d %,15.0f elem/s %10.2f heap B/elem%s%n", phase,
            scenario.name(), round, of, sample.elementsPerSecond(), sample.heapBytesPerElement(),
            sample.heapExact() ? "" : " (lower bound)");
    }
}
