package io.torvyn.journal;

import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.journal.write.JournalOptions;

import java.nio.file.Path;

/**
 * The child JVM of {@link KilledRunTest}: starts an endless, paced flow with the journal on, says where its journal
 * is, and runs until it is killed.
 */
public final class KilledRunMain {
    private KilledRunMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Path parent = Path.of(args[0]);
        final TorvynConfig config = JournalRuns.journaled(JournalRuns.config(
            JournalRuns.node("src", "builtin:generator", "{\"size\":200,\"rate\":20000,\"pattern\":\"text\"}")
                + JournalRuns.node("fwd", "builtin:forward", null)
                + JournalRuns.node("out", "builtin:null", null)
                + JournalRuns.edges("src", "fwd", "fwd", "out")), JournalLevel.PAYLOADS, parent);
        final FlowRun run = new FlowRun(config, Flows.topology(config, null), Flows.builtins(), RunOptions.UNBOUNDED, null,
            new ChronicleJournalFactory(JournalOptions.DEFAULTS));
        run.start();
        System.out.println("JOURNAL " + run.journal().directory());
        System.out.flush();
        run.await(0);
    }
}
