package io.torvyn.journal;

import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.JournalConfig;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.journal.write.JournalOptions;

import java.nio.file.Path;

/** Small flows from TOML text, run with the journal on, for the journal's tests. */
public final class JournalRuns {
    public static final String HEADER = "[torvyn]\nname = \"test\"\nversion = \"0.1.0\"\n";

    private JournalRuns() {
    }

    /** A manifest from TOML text (the [torvyn] header is added). */
    public static TorvynConfig config(final String toml) {
        return ConfigLoader.fromString(HEADER + toml, null);
    }

    /** {@code config} with the journal at {@code level} under {@code parent}. */
    public static TorvynConfig journaled(final TorvynConfig config, final JournalLevel level, final Path parent) {
        return config.withJournal(new JournalConfig(level, parent));
    }

    /** Runs to completion with {@code options}; returns the finished run (close it). */
    public static Finished run(final TorvynConfig config, final JournalOptions options, final ComponentFactory factory,
                               final long limit) throws InterruptedException {
        final FlowRun run = new FlowRun(config, Flows.topology(config, null), factory,
            new RunOptions(limit, 60_000_000_000L), null, new ChronicleJournalFactory(options));
        run.start();
        if (!run.await(90_000_000_000L)) {
            run.cancel();
            run.await(10_000_000_000L);
            run.close();
            throw new AssertionError("flow did not finish in time");
        }
        return new Finished(run, run.summary());
    }

    public static Finished run(final TorvynConfig config, final JournalOptions options, final long limit)
        throws InterruptedException {
        return run(config, options, Flows.builtins(), limit);
    }

    /** A finished run and its summary. */
    public record Finished(FlowRun run, RunSummary summary) implements AutoCloseable {
        public Path journal() {
            return run.journal().directory();
        }

        @Override
        public void close() {
            run.close();
        }
    }

    public static String node(final String name, final String component, final String json) {
        return "[flow.main.nodes." + name + "]\ncomponent = \"" + component + "\"\n"
            + (json == null ? "" : "config = '" + json + "'\n");
    }

    public static String edges(final String... pairs) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append("[[flow.main.edges]]\nfrom = \"").append(pairs[i]).append("\"\nto = \"").append(pairs[i + 1])
                .append("\"\n");
        }
        return sb.toString();
    }

    /** generator → forward → collect, {@code count} elements of {@code size} bytes. */
    public static String pipeline(final int count, final int size) {
        return node("src", "builtin:generator", "{\"count\":" + count + ",\"size\":" + size
            + ",\"pattern\":\"text\"}")
            + node("fwd", "builtin:forward", null)
            + node("out", "builtin:collect", "{\"keep\":" + Math.max(1, count) + "}")
            + edges("src", "fwd", "fwd", "out");
    }
}
