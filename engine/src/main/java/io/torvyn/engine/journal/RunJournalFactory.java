package io.torvyn.engine.journal;

import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.topology.Topology;

/**
 * Creates the journal of a run. The journal module registers one with {@link java.util.ServiceLoader}; tests and
 * tools can pass their own (a fixed clock, another directory) to {@link io.torvyn.engine.runtime.FlowRun}.
 */
@FunctionalInterface
public interface RunJournalFactory {
    /** No journal implementation is available: every run goes unrecorded. */
    RunJournalFactory NONE = (config, topology, pool, options) -> null;

    /**
     * Opens the journal of a run about to start, at {@code config.journal().level()} (never off here).
     *
     * @return the journal, or null when this factory cannot record
     * @throws io.torvyn.engine.error.TorvynException E0020 when the journal directory cannot be created
     */
    RunJournal open(TorvynConfig config, Topology topology, BufferPool pool, RunOptions options);
}
