package io.torvyn.engine.component;

import java.util.Arrays;

/**
 * The input side of one component call: pre-allocated parallel arrays of handle and metadata, reused for every batch
 * of a stage. Indices run from {@link #start()} to {@link #end()}; a stage resumes a failed batch by moving the start.
 */
public final class ElementBatch {
    private final long[] handles;
    private final long[] sequences;
    private final long[] timestamps;
    private final long[] intended;
    private final boolean[] passed;
    private int start;
    private int end;
    private int passedCount;

    public ElementBatch(final int capacity) {
        handles = new long[capacity];
        sequences = new long[capacity];
        timestamps = new long[capacity];
        intended = new long[capacity];
        passed = new boolean[capacity];
    }

    public int capacity() {
        return handles.length;
    }

    public void clear() {
        start = 0;
        end = 0;
        passedCount = 0;
    }

    public void add(final long handle, final long sequence, final long timestampNs, final long intendedNs) {
        put(end, handle, sequence, timestampNs, intendedNs);
        end++;
    }

    /**
     * Writes element {@code i} in place, for a caller that fills {@code [end, end + n)} in a counted loop and then
     * calls {@link #extendTo(int)}; {@link #add} is the one-at-a-time form.
     */
    public void put(final int i, final long handle, final long sequence, final long timestampNs,
                    final long intendedNs) {
        handles[i] = handle;
        sequences[i] = sequence;
        timestamps[i] = timestampNs;
        intended[i] = intendedNs;
        passed[i] = false;
    }

    /** Makes the elements written by {@link #put} up to {@code newEnd} (exclusive) part of the batch. */
    public void extendTo(final int newEnd) {
        if (newEnd < end || newEnd > handles.length) {
            throw new IllegalArgumentException("batch end " + newEnd + " outside " + end + ".." + handles.length);
        }
        end = newEnd;
    }

    public int start() {
        return start;
    }

    public void start(final int newStart) {
        start = newStart;
    }

    public int end() {
        return end;
    }

    public int count() {
        return end - start;
    }

    public long handle(final int i) {
        return handles[i];
    }

    public long sequence(final int i) {
        return sequences[i];
    }

    public long timestampNs(final int i) {
        return timestamps[i];
    }

    public long intendedNs(final int i) {
        return intended[i];
    }

    /** True when the element's handle moved on to an output (it must not be released by the stage). */
    public boolean passedOn(final int i) {
        return passed[i];
    }

    /** True when every element of the batch moved on to an output: the stage has nothing to release or count. */
    public boolean allPassedOn() {
        return passedCount == end;
    }

    void markPassedOn(final int i) {
        if (!passed[i]) {
            passed[i] = true;
            if (i < end) {
                passedCount++;
            }
        }
    }

    /** Marks {@code [from, to)} passed on: one fill when nothing of the batch has been passed on yet. */
    void markPassedOn(final int from, final int to) {
        if (passedCount == 0) {
            Arrays.fill(passed, from, to, true);
            passedCount = to - from;
            return;
        }
        for (int i = from; i < to; i++) {
            markPassedOn(i);
        }
    }

    long[] handles() {
        return handles;
    }

    long[] sequences() {
        return sequences;
    }

    long[] timestamps() {
        return timestamps;
    }

    long[] intended() {
        return intended;
    }
}
