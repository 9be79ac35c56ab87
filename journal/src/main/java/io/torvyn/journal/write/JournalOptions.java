package io.torvyn.journal.write;

import io.torvyn.journal.record.JournalRecordDescriptor;

import java.nio.file.Path;

/**
 * How a journal is written, beyond the `[journal]` table: sizes of the per-node rings and queue blocks, the clock,
 * and (for trace and replay runs) another parent directory.
 *
 * @param ringBytes      bytes of each node's ring (a power of two of at least twice the largest record)
 * @param blockSize      Chronicle Queue block size: the file grows, and is mapped, this much at a time
 * @param clocks         where records take their time from
 * @param parent         the directory that receives {@code <flow>-<UTC timestamp>/}, or null for `[journal] path`
 */
public record JournalOptions(int ringBytes, long blockSize, JournalClocks clocks, Path parent) {
    /** 1 MiB per node: about thirty thousand compact records before a stage has to wait for the journal thread. */
    public static final int DEFAULT_RING_BYTES = 1 << 20;
    /** 4 MiB: small enough for short runs and tests, large enough that remapping is rare. */
    public static final long DEFAULT_BLOCK_SIZE = 4L << 20;
    public static final JournalOptions DEFAULTS = new JournalOptions(DEFAULT_RING_BYTES, DEFAULT_BLOCK_SIZE,
        JournalClocks.SYSTEM, null);

    public JournalOptions {
        if (Integer.bitCount(ringBytes) != 1 || ringBytes < 2 * JournalRecordDescriptor.MAX_RECORD) {
            throw new IllegalArgumentException("ringBytes must be a power of two >= "
                + 2 * JournalRecordDescriptor.MAX_RECORD + ", found " + ringBytes);
        }
        if (clocks == null) {
            throw new IllegalArgumentException("clocks must not be null");
        }
    }

    public JournalOptions withClocks(final JournalClocks newClocks) {
        return new JournalOptions(ringBytes, blockSize, newClocks, parent);
    }

    public JournalOptions withParent(final Path newParent) {
        return new JournalOptions(ringBytes, blockSize, clocks, newParent);
    }

    public JournalOptions withRingBytes(final int newRingBytes) {
        return new JournalOptions(newRingBytes, blockSize, clocks, parent);
    }
}
