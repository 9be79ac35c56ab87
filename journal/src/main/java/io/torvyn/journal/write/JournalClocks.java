package io.torvyn.journal.write;

import java.util.function.LongSupplier;

/**
 * Where each recorder reads {@code time_ns}: the monotonic clock in production. Tests give every node its own
 * deterministic clock so a golden trace does not depend on how fast the machine was.
 */
@FunctionalInterface
public interface JournalClocks {
    /** {@link System#nanoTime()} for every node. */
    JournalClocks SYSTEM = node -> System::nanoTime;

    /**
     * The clock of node {@code node}
     * ({@link io.torvyn.journal.record.JournalRecordDescriptor#FLOW_NODE} for flow records).
     */
    LongSupplier clockFor(int node);
}
