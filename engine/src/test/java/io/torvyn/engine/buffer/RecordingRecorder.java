package io.torvyn.engine.buffer;

import java.util.ArrayList;
import java.util.List;

/** Keeps every record it is given, for asserting what the pool reports (single-threaded tests only). */
final class RecordingRecorder implements BufferRecorder {
    private final List<long[]> records = new ArrayList<>();

    @Override
    public void record(final int op, final BufferClient client, final long handle, final int tier, final long length,
                       final long copiedBytes, final long aux) {
        records.add(new long[] {op, client.elementSeq, handle, tier, length, copiedBytes, aux});
    }

    int size() {
        return records.size();
    }

    int op(final int i) {
        return (int) records.get(i)[0];
    }

    long seq(final int i) {
        return records.get(i)[1];
    }

    long handle(final int i) {
        return records.get(i)[2];
    }

    long length(final int i) {
        return records.get(i)[4];
    }

    long copied(final int i) {
        return records.get(i)[5];
    }

    long aux(final int i) {
        return records.get(i)[6];
    }

    int count(final int op) {
        int n = 0;
        for (final long[] r : records) {
            if (r[0] == op) {
                n++;
            }
        }
        return n;
    }
}
