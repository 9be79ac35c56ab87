package io.torvyn.journal.read;

import io.torvyn.journal.record.JournalRecord;

/** Receives every valid record a {@link JournalReader} finds, queue by queue, each queue in its written order. */
@FunctionalInterface
public interface RecordHandler {
    void onRecord(JournalRecord record);
}
