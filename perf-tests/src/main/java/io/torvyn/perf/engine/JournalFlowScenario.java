package io.torvyn.perf.engine;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The journal row of the README's performance targets: the same flow with the journal off, at {@code ops} and at
 * {@code payloads}, so the suite's ratio columns read directly as "ops keeps N % of off".
 *
 * <pre>
 *   generator(64 B) ──ring──► uppercase.wasm (chicory) ──ring──► null
 *        │                         │                              │
 *        └── recorder ─┐           └── recorder ─┐                └── recorder ─┐
 *                      ▼                         ▼                              ▼
 *                   ring 0 ───────────────── journal thread ◄──────────────── ring 2 ──► queues/node-N
 * </pre>
 *
 * Each round is one run of {@code events} elements; the journal's finish (drain, flow-end, close) is inside the
 * round, since a run is not over until its journal is. A round's journal directory is deleted when the next round
 * starts (so a suite run does not fill the disk) and the last one on {@link #close()}. After each journaled round the
 * row prints its journal figures (records per element, bytes per element, records per second) on stderr, beside the
 * suite's progress line.
 */
public final class JournalFlowScenario implements Scenario {
    private final String name;
    private final JournalLevel level;
    private final int payloadSize;
    private final MeasuredThreadFactory threads;
    private Path parent;
    private TorvynConfig config;

    /**
     * Cheap: the journal directory and the manifest are made by the first round (a warm-up round).
     *
     * @param level       the journal level of every round
     * @param payloadSize bytes per generated element
     */
    public JournalFlowScenario(final String name, final JournalLevel level, final int payloadSize) {
        this.name = name;
        this.level = level;
        this.payloadSize = payloadSize;
        this.threads = new MeasuredThreadFactory(name);
    }

    private TorvynConfig config() {
        if (config == null) {
            try {
                parent = Files.createTempDirectory("torvyn-perf-journal");
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            config = ConfigLoader.fromString(String.join("\n",
                "[torvyn]", "name = \"perf\"", "version = \"0.1.0\"",
                "[runtime]", "wasm_engine = \"chicory\"",
                "[observability]", "level = \"production\"",
                "[journal]", "level = \"" + level.key() + "\"", "path = '" + parent + "'",
                "[runtime.pools]",
                "small = { buffer_size = \"256B\", count = 2048 }",
                "medium = { buffer_size = \"4KiB\", count = 1 }",
                "large = { buffer_size = \"64KiB\", count = 1 }",
                "huge = { buffer_size = \"1MiB\", count = 1 }",
                "[flow.main.nodes.gen]", "component = \"builtin:generator\"",
                "config = '{\"size\":" + payloadSize + ",\"pattern\":\"text\"}'",
                "[flow.main.nodes.upper]", "component = 'file:" + uppercaseModule() + "'",
                "[flow.main.nodes.sink]", "component = \"builtin:null\"",
                "[[flow.main.edges]]", "from = \"gen\"", "to = \"upper\"",
                "[[flow.main.edges]]", "from = \"upper\"", "to = \"sink\"", ""));
        }
        return config;
    }

    /** {@code examples/components/c/uppercase.wasm}, found from the working directory upwards. */
    public static Path uppercaseModule() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("examples/components/c/uppercase.wasm");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new TorvynException(ErrorCode.E0900, "examples/components/c/uppercase.wasm not found",
            "perf scenario journal-*", "run the suite from inside the Torvyn source tree");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long run(final long events) {
        final TorvynConfig manifest = config();
        deleteRuns();
        final FlowRun run = Flows.prepare(manifest, null, new RunOptions(events, 0, threads));
        try {
            final RunSummary summary = run.runToCompletion();
            if (summary.outcome() != null || summary.elements() != events || !summary.poolsFull()) {
                throw new TorvynException(ErrorCode.E0900, "journal flow delivered " + summary.elements() + " of "
                    + events + " (outcome " + summary.outcome() + ", pools full " + summary.poolsFull() + ")",
                    "perf scenario " + name, "a correctness bug in the engine: run the engine tests");
            }
            if (level != JournalLevel.OFF) {
                report(run.journal(), summary);
            }
            return summary.elements();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            run.close();
        }
    }

    private void report(final RunJournal journal, final RunSummary summary) {
        final double elements = Math.max(1, summary.elements());
        System.err.printf(Locale.ROOT, "         %-28s journal: %.2f records/elem, %.1f B/elem, %,.0f records/s, "
                + "%d backpressure%n", name, journal.records() / elements, journal.bytes() / elements,
            journal.records() * 1e9 / Math.max(1, summary.durationNs()), journal.backpressureEvents());
    }

    @Override
    public void close() {
        if (parent == null) {
            return;
        }
        deleteRuns();
        try {
            Files.deleteIfExists(parent);
        } catch (final IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private void deleteRuns() {
        try (Stream<Path> walk = Files.walk(parent)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(parent)).forEach(p -> p.toFile().delete());
        } catch (final IOException | UncheckedIOException ignored) {
            // best effort: the next round writes a new directory anyway
        }
    }
}
