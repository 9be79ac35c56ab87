package io.torvyn.tools.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The text report of spec/cli.md's bench, sections in the spec's order: Throughput, Latency, Per-component,
 * Resources, Scheduling, `Result saved to:`; then the tuning hints and, when comparing, the comparison table. Every
 * unmeasured figure prints as "—" with its reason beneath the section.
 */
public final class HumanReport {
    private final BenchResult r;
    private final BenchDetails d;
    private final StringBuilder out = new StringBuilder();

    private HumanReport(final BenchOutcome outcome) {
        this.r = outcome.result();
        this.d = outcome.details();
    }

    /**
     * @param savedTo    where the result was saved, or null when it was not (a failed run)
     * @param comparison the comparison with a baseline, or null
     */
    public static String render(final BenchOutcome outcome, final Path savedTo, final List<Hint> hints,
                                final Comparison comparison) {
        final HumanReport report = new HumanReport(outcome);
        report.header();
        report.throughput();
        report.latency();
        report.components();
        report.resources();
        report.scheduling();
        report.saved(savedTo);
        report.hints(hints);
        if (comparison != null) {
            report.comparison(comparison);
        }
        return report.out.toString();
    }

    private void line(final String s) {
        out.append(s).append('\n');
    }

    private void header() {
        line(String.format(Locale.ROOT, "Bench of flow `%s`: %.3f s measured after a %.3f s warm-up (%d cores, JDK %s, "
            + "%s)", r.flow(), r.durationS(), r.warmupS(), r.machine().cores(), r.machine().jdk(), r.machine().os()));
        for (final String n : r.notes()) {
            line("  note: " + n);
        }
        line("");
    }

    /** Why the section's "—" figures are missing, one line per distinct reason. */
    private void reasons(final String prefix) {
        NullReasons.under(r, prefix).forEach((why, keys) -> line("  — " + String.join(", ", keys) + ": " + why));
    }

    private void throughput() {
        line("1. Throughput");
        final TextTable t = new TextTable(1, "elements/s", Numbers.rate(r.throughput().elementsPerS()));
        t.row("bytes/s", Numbers.byteRate(r.throughput().bytesPerS()), "payload bytes the sources produced");
        t.row("elements", Numbers.count(r.elements()), "delivered to sinks in the window");
        out.append(t.render("  "));
        reasons("throughput.");
        line("");
    }

    private void latency() {
        line("2. Latency (source emit to sink completion; HdrHistogram, 3 significant digits"
            + (d.latencyCorrected() ? "; corrected for coordinated omission)" : ")"));
        final BenchResult.Latency l = r.latency();
        final BenchResult.Latency u = d.uncorrectedLatency();
        final TextTable t = u == null ? new TextTable(1, "", "")
            : new TextTable(1, "", "corrected", "uncorrected");
        addLatency(t, "p50", l.p50(), u == null ? null : u.p50(), u != null);
        addLatency(t, "p90", l.p90(), u == null ? null : u.p90(), u != null);
        addLatency(t, "p95", l.p95(), u == null ? null : u.p95(), u != null);
        addLatency(t, "p99", l.p99(), u == null ? null : u.p99(), u != null);
        addLatency(t, "p99.9", l.p999(), u == null ? null : u.p999(), u != null);
        addLatency(t, "max", l.max(), u == null ? null : u.max(), u != null);
        final String rendered = t.render("  ");
        out.append(u == null ? rendered.substring(rendered.indexOf('\n') + 1) : rendered);
        reasons("latency_ns.");
        line("");
    }

    private static void addLatency(final TextTable t, final String label, final Long v, final Long uncorrected,
                                   final boolean both) {
        if (both) {
            t.row(label, Numbers.nanos(v), Numbers.nanos(uncorrected));
        } else {
            t.row(label, Numbers.nanos(v));
        }
    }

    private void components() {
        line("3. Per-component (processing time per element, excluding queue wait)");
        final BenchResult.Component bottleneck = TuningHints.bottleneck(r);
        final TextTable t = new TextTable(2, "node", "role", "p50", "p99", "invocations", "errors", "fuel/call",
            "copies/element");
        for (final BenchResult.Component c : r.components()) {
            t.row(c.node(), d.roles().getOrDefault(c.node(), ""), Numbers.nanos(c.p50Ns()), Numbers.nanos(c.p99Ns()),
                Numbers.count(c.invocations()), Numbers.count(c.errors()),
                c.fuelPerCall() == null ? "—" : Numbers.count(Math.round(c.fuelPerCall())),
                Numbers.ratio(c.copiesPerElement()), c == bottleneck ? "<- likely bottleneck (highest p50)" : "");
        }
        out.append(t.render("  "));
        reasons("components.");
        line("");
    }

    private void resources() {
        final BenchResult.Resources res = r.resources();
        line("4. Resources");
        line("  buffer allocations   " + Numbers.count(res.allocations()));
        final TextTable tiers = new TextTable(1, "pool tier", "reuse", "fallback", "exhaustion");
        for (final String tier : res.poolReuseRate().keySet()) {
            final Double rate = res.poolReuseRate().get(tier);
            tiers.row(tier, Numbers.percent(rate), Numbers.count(res.fallback().getOrDefault(tier, 0L)),
                Numbers.count(res.exhaustionEvents().getOrDefault(tier, 0L)),
                rate != null && rate < TuningHints.MIN_REUSE ? "< 80 %: raise this tier's count" : "");
        }
        out.append(tiers.render("    "));
        line("  copies               " + Numbers.count(res.copies()) + " (" + Numbers.bytes(res.copyBytes()) + ")");
        line("  copy amplification   " + Numbers.ratio(res.copyAmplification())
            + "  (copied bytes / bytes the sources produced)");
        final StringBuilder perStage = new StringBuilder("  copies per element   ");
        for (final BenchResult.Component c : r.components()) {
            perStage.append(c.node()).append(' ').append(Numbers.ratio(c.copiesPerElement())).append("  ");
        }
        line(perStage.toString().stripTrailing());
        final BenchResult.PeakMemory pm = res.peakMemory();
        line("  peak memory          " + Numbers.bytes(res.peakMemoryBytes()) + " = pools " + Numbers.bytes(pm.pools())
            + " + Wasm memories " + Numbers.bytes(pm.wasm()) + " + heap " + Numbers.bytes(pm.heap())
            + "  (each part's own peak)");
        reasons("resources.");
        line("");
    }

    private void scheduling() {
        final BenchResult.Scheduling s = r.scheduling();
        line("5. Scheduling");
        line("  wakeups   " + (s.wakeups() == null ? "—" : Numbers.count(s.wakeups()))
            + "  (idle-to-busy transitions of the worker threads)");
        final TextTable t = new TextTable(1, "stream", "backpressure", "stalled", "queue peak / capacity");
        for (final BenchResult.StreamFigures f : s.streams()) {
            t.row(f.stream(), Numbers.count(f.backpressureEvents()) + " events", Numbers.nanos(f.backpressureNs()),
                f.queuePeak() + " / " + f.capacity());
        }
        out.append(t.render("    "));
        reasons("scheduling.");
        line("");
    }

    private void saved(final Path savedTo) {
        if (savedTo == null) {
            line("Result not saved: the flow failed, so these figures are no baseline");
        } else {
            line("Result saved to: " + savedTo);
        }
    }

    private void hints(final List<Hint> hints) {
        if (hints.isEmpty()) {
            return;
        }
        line("");
        line("Tuning hints");
        for (final Hint h : hints) {
            line("  - " + h.text());
        }
    }

    private void comparison(final Comparison c) {
        final BenchResult b = c.baseline();
        line("");
        line(String.format(Locale.ROOT, "Comparison with baseline `%s` (created %s; threshold %.1f %%)", b.name(),
            b.created(), c.thresholdPercent()));
        if (!b.configSha256().equals(r.configSha256())) {
            line("  note: the configuration differs from the baseline's (config_sha256)");
        }
        if (!b.machine().equals(r.machine())) {
            line("  note: the baseline was measured on another machine (" + b.machine().cores() + " cores, JDK "
                + b.machine().jdk() + ", " + b.machine().os() + ")");
        }
        final TextTable t = new TextTable(1, "figure", "baseline", "current", "change", "verdict");
        for (final Comparison.Row row : c.rows()) {
            t.row(row.figure().label(), Numbers.headline(row.figure(), row.baseline()),
                Numbers.headline(row.figure(), row.current()), Numbers.change(row.changePercent()),
                row.verdict().text());
        }
        out.append(t.render("  "));
        final List<Comparison.Row> worse = c.regressions();
        if (worse.isEmpty()) {
            line("  no headline figure is worse beyond the threshold");
        } else {
            line("  regression: " + String.join(", ", worse.stream().map(w -> w.figure().label()).toList())
                + " worse beyond " + String.format(Locale.ROOT, "%.1f %%", c.thresholdPercent()) + " (exit "
                + Comparison.EXIT_REGRESSION + ")");
        }
    }
}
