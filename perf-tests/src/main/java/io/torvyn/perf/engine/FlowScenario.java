package io.torvyn.perf.engine;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.engine.stage.Stage;
import io.torvyn.engine.topology.Role;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;
import io.torvyn.perf.harness.RoundMetrics;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An engine row: one flow of a generated `Torvyn.toml`, run for a round's worth of elements (the generator's
 * `--limit`). {@link #prepare} builds the run (config, topology, Wasm modules compiled, pools allocated) outside the
 * clock; {@link #run} starts it, waits for it to drain and checks it delivered every element with every pooled buffer
 * returned, so a broken flow fails the suite instead of printing a fast number. The round's exact copies per element
 * come from the run summary; a paced row also reports the sinks' end-to-end latency percentiles (recorded from each
 * element's intended emit time, i.e. corrected for coordinated omission), the first quarter of the round excluded.
 */
public final class FlowScenario implements Scenario {
    /** Paced rows discard the latency of the first 1/WARM_UP_SHARE of each round. */
    public static final int WARM_UP_SHARE = 4;
    private static final long SWAP_WAIT_NS = 50_000_000L;

    private final String name;
    private final String group;
    private final String description;
    private final List<String> references;
    private final String manifest;
    private final long eventsDivisor;
    private final long maxEvents;
    private final long pacedRate;
    private final Supplier<String> unavailable;
    private final Path scratch;
    private final MeasuredThreadFactory threads;
    private TorvynConfig config;
    private FlowRun prepared;
    /** What {@link #discardWarmUp} dropped in the current round, or null. */
    private Histogram warmUpLatency;
    private RoundMetrics metrics = RoundMetrics.NONE;

    private FlowScenario(final Builder b) {
        this.name = b.name;
        this.group = b.group;
        this.description = b.description;
        this.references = List.copyOf(b.references);
        this.manifest = b.manifest;
        this.eventsDivisor = b.eventsDivisor;
        this.maxEvents = b.maxEvents;
        this.pacedRate = b.pacedRate;
        this.unavailable = b.unavailable;
        this.scratch = b.scratch;
        this.threads = new MeasuredThreadFactory(b.name);
    }

    public static Builder builder(final String name, final String group, final String manifest) {
        return new Builder(name, group, manifest);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> references() {
        return references;
    }

    @Override
    public String unavailable() {
        return unavailable.get();
    }

    @Override
    public long events(final long suiteEvents) {
        return Math.max(1, Math.min(maxEvents, suiteEvents / eventsDivisor));
    }

    /** The manifest this row runs (for tests and the curious). */
    public String manifest() {
        return manifest;
    }

    @Override
    public void prepare(final long events) {
        if (config == null) {
            config = ConfigLoader.fromString(manifest, null);
        }
        closePrepared();
        deleteScratch();
        prepared = Flows.prepare(config, null, new RunOptions(events, 0, threads));
    }

    @Override
    public long run(final long events) {
        if (prepared == null) {
            prepare(events);
        }
        final FlowRun run = prepared;
        prepared = null;
        try {
            run.start();
            if (pacedRate > 0) {
                discardWarmUp(run, events);
            }
            run.await(0);
            final RunSummary summary = run.summary();
            if (summary.outcome() != null || summary.elements() != events || !summary.poolsFull()) {
                throw new TorvynException(ErrorCode.E0900, "engine flow delivered " + summary.elements() + " of "
                    + events + " (outcome " + summary.outcome() + ", pools full " + summary.poolsFull()
                    + ", warnings " + summary.warnings() + ")", "perf scenario " + name,
                    "a correctness bug in the engine: run the engine tests");
            }
            metrics = pacedRate > 0 ? latencyOf(run, summary, warmUpLatency)
                : RoundMetrics.copies((double) summary.copies() / summary.elements());
            return summary.elements();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            run.close();
        }
    }

    /**
     * Lets the first quarter of a paced round pass (instances warming up, first calls, class loading) and drops what
     * the sinks recorded meanwhile, as `torvyn bench` drops its warm-up; the twin skips the same share of elements.
     */
    private void discardWarmUp(final FlowRun run, final long events) throws InterruptedException {
        final long warmUpNs = events * 1_000_000_000L / pacedRate / WARM_UP_SHARE;
        warmUpLatency = null;
        if (run.await(warmUpNs)) {
            return;
        }
        final Histogram discard = new Histogram(3);
        warmUpLatency = discard;
        for (final Stage s : run.stages()) {
            if (run.topology().node(s.index()).role() == Role.SINK) {
                s.stats().latency().drainInto(discard, SWAP_WAIT_NS);
            }
        }
    }

    /**
     * The sinks' latency after the warm-up. A round so short that its flow ended while the warm-up was being dropped
     * (the sink stopped before it could hand over its histogram, so the drop took everything) has nothing after it:
     * it reports its whole round instead.
     */
    private static RoundMetrics latencyOf(final FlowRun run, final RunSummary summary, final Histogram warmUp) {
        final Histogram all = new Histogram(3);
        for (final Stage s : run.stages()) {
            if (run.topology().node(s.index()).role() == Role.SINK) {
                all.add(s.stats().latencySnapshot());
            }
        }
        if (all.getTotalCount() == 0 && warmUp != null) {
            all.add(warmUp);
        }
        return new RoundMetrics((double) summary.copies() / summary.elements(), all.getValueAtPercentile(50),
            all.getValueAtPercentile(99), all.getValueAtPercentile(99.9));
    }

    @Override
    public RoundMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        closePrepared();
        deleteScratch();
        if (scratch != null) {
            try {
                Files.deleteIfExists(scratch.getParent());
            } catch (final IOException e) {
                // another row's directory is still there; the last one to close removes the parent
            }
        }
    }

    /** Removes what the last round wrote (a journal), outside the clock, so rounds do not fill the disk. */
    private void deleteScratch() {
        if (scratch == null || !Files.exists(scratch)) {
            return;
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot clear " + scratch, e);
        }
    }

    private void closePrepared() {
        if (prepared != null) {
            prepared.close();
            prepared = null;
        }
    }

    /** Row settings beyond the manifest. */
    public static final class Builder {
        private final String name;
        private final String group;
        private final String manifest;
        private String description = "";
        private List<String> references = List.of();
        private long eventsDivisor = 1;
        private long maxEvents = Long.MAX_VALUE;
        private long pacedRate;
        private Supplier<String> unavailable = () -> null;
        private Path scratch;

        private Builder(final String name, final String group, final String manifest) {
            this.name = name;
            this.group = group;
            this.manifest = manifest;
        }

        public Builder description(final String text) {
            this.description = text;
            return this;
        }

        public Builder references(final String... names) {
            this.references = List.of(names);
            return this;
        }

        /** Runs {@code suiteEvents / divisor} elements per round (slow rows), at most {@code max}. */
        public Builder events(final long divisor, final long max) {
            this.eventsDivisor = divisor;
            this.maxEvents = max;
            return this;
        }

        /**
         * Reports the sinks' latency percentiles for a source paced at {@code rate} elements/s, excluding the first
         * quarter of each round.
         */
        public Builder latency(final long rate) {
            this.pacedRate = rate;
            return this;
        }

        public Builder unavailableWhen(final Supplier<String> why) {
            this.unavailable = why;
            return this;
        }

        /** A directory the flow writes into (its journal), emptied before every round and at the end. */
        public Builder scratch(final Path directory) {
            this.scratch = directory;
            return this;
        }

        public FlowScenario build() {
            return new FlowScenario(this);
        }
    }
}
