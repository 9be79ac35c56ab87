package io.torvyn.engine.journal;

import io.torvyn.engine.buffer.BufferRecorder;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.runtime.RunSummary;
import io.torvyn.engine.topology.TopologyNode;

import java.nio.file.Path;

/**
 * The journal of one run, as the engine sees it: a recorder per node for the hot path, and the run's start and end.
 * The engine defines only this seam; the implementation (Chronicle Queue, its own thread, its files) lives in the
 * journal module and is found by {@link RunJournals}, so the engine carries no dependency on it and a run with the
 * journal off never touches it.
 *
 * <p>Life cycle, driven by {@link io.torvyn.engine.runtime.FlowRun}: {@link #recorderFor} once per node while the run
 * is built, {@link #start()} just before the stage threads start, {@link #finish(RunSummary)} once every stage has
 * ended, {@link #close()} in any case (it abandons an unfinished journal without waiting).
 */
public interface RunJournal extends AutoCloseable {

    /**
     * The recorder node {@code node}'s buffer client reports to. Called at set-up time only, before {@link #start()}.
     *
     * @param component the node's component, so the journal can note what it needs (a file source's input offset,
     *                  a generator's seed)
     */
    BufferRecorder recorderFor(TopologyNode node, Component component);

    /** Records {@code flow-start} and starts draining; called before any stage runs. */
    void start();

    /**
     * Records {@code flow-end}, drains everything the stages recorded and closes the files. Called once every stage
     * has stopped recording.
     *
     * @throws io.torvyn.engine.error.TorvynException E0020 when the journal could not be written
     */
    void finish(RunSummary summary);

    /** The directory of this run's journal. */
    Path directory();

    /** {@code journal.records}: records written to the queues so far. */
    long records();

    /** {@code journal.bytes}: bytes of records written to the queues so far. */
    long bytes();

    /** Times a stage had to wait because the journal had fallen behind (journal backpressure). */
    long backpressureEvents();

    /** Stops the journal without waiting for the stages (idempotent; after {@link #finish} it does nothing). */
    @Override
    void close();
}
