package io.torvyn.journal.read;

import io.torvyn.engine.error.Problem;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecord;

import java.util.List;

/** A whole journal read into memory: its {@link ReadResult} and every valid record, queue by queue. */
public record Journal(ReadResult result, List<JournalRecord> records) {

    public RunInfo info() {
        return result.info();
    }

    public List<Problem> problems() {
        return result.problems();
    }
}
