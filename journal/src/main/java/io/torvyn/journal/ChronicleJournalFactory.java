package io.torvyn.journal;

import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.journal.RunJournalFactory;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.topology.Topology;
import io.torvyn.journal.write.ChronicleRunJournal;
import io.torvyn.journal.write.JournalOptions;

/**
 * The engine's way into this module: registered with {@link java.util.ServiceLoader}, so any run on a class path
 * that holds the journal module records itself when `[journal] level` asks for it. Tools build one with other
 * {@link JournalOptions} (a fixed clock, a temporary directory).
 */
public final class ChronicleJournalFactory implements RunJournalFactory {
    private final JournalOptions options;

    /** The factory {@link java.util.ServiceLoader} uses: default options. */
    public ChronicleJournalFactory() {
        this(JournalOptions.DEFAULTS);
    }

    public ChronicleJournalFactory(final JournalOptions options) {
        this.options = options;
    }

    @Override
    public RunJournal open(final TorvynConfig config, final Topology topology, final BufferPool pool,
                           final RunOptions runOptions) {
        return ChronicleRunJournal.open(config, topology, pool, runOptions, options);
    }

    public JournalOptions options() {
        return options;
    }
}
