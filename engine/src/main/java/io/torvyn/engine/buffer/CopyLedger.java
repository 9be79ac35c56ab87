package io.torvyn.engine.buffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A snapshot of who copied how many payload bytes and why, by node and {@link CopyReason}. It is the evidence behind
 * the zero-copy promise: the run summary and the bench report print it, and tests assert on it (a metadata filter
 * must show zero copies; source → processor → sink exactly four per element).
 */
public final class CopyLedger {
    private static final int REASONS = CopyReason.count();

    private final int[] nodes;
    private final String[] nodeNames;
    private final long[][] copies;
    private final long[][] bytes;

    private CopyLedger(final int[] nodes, final String[] nodeNames, final long[][] copies, final long[][] bytes) {
        this.nodes = nodes;
        this.nodeNames = nodeNames;
        this.copies = copies;
        this.bytes = bytes;
    }

    /** The copies counted so far by {@code clients}, in their order. */
    public static CopyLedger of(final Collection<BufferClient> clients) {
        final List<BufferClient> list = new ArrayList<>(clients);
        final int n = list.size();
        final int[] nodes = new int[n];
        final String[] names = new String[n];
        final long[][] copies = new long[n][REASONS];
        final long[][] bytes = new long[n][REASONS];
        for (int i = 0; i < n; i++) {
            final BufferClient c = list.get(i);
            nodes[i] = c.node;
            names[i] = c.nodeName;
            for (int r = 0; r < REASONS; r++) {
                copies[i][r] = c.copies(CopyReason.of(r));
                bytes[i][r] = c.copiedBytes(CopyReason.of(r));
            }
        }
        return new CopyLedger(nodes, names, copies, bytes);
    }

    /** Number of nodes in the ledger. */
    public int size() {
        return nodes.length;
    }

    /** The node id of entry {@code i}. */
    public int node(final int i) {
        return nodes[i];
    }

    /** The node name of entry {@code i}. */
    public String nodeName(final int i) {
        return nodeNames[i];
    }

    /** The entry index of the node named {@code name}, or -1. */
    public int indexOf(final String name) {
        for (int i = 0; i < nodeNames.length; i++) {
            if (nodeNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Copies by entry {@code i} for {@code reason}. */
    public long copies(final int i, final CopyReason reason) {
        return copies[i][reason.ordinal()];
    }

    /** Bytes copied by entry {@code i} for {@code reason}. */
    public long bytes(final int i, final CopyReason reason) {
        return bytes[i][reason.ordinal()];
    }

    /** Copies by entry {@code i}, every reason. */
    public long copies(final int i) {
        long sum = 0;
        for (final long v : copies[i]) {
            sum += v;
        }
        return sum;
    }

    /** Bytes copied by entry {@code i}, every reason. */
    public long bytes(final int i) {
        long sum = 0;
        for (final long v : bytes[i]) {
            sum += v;
        }
        return sum;
    }

    /** Copies by every node for {@code reason}. */
    public long totalCopies(final CopyReason reason) {
        long sum = 0;
        for (final long[] row : copies) {
            sum += row[reason.ordinal()];
        }
        return sum;
    }

    /** Bytes copied by every node for {@code reason}. */
    public long totalBytes(final CopyReason reason) {
        long sum = 0;
        for (final long[] row : bytes) {
            sum += row[reason.ordinal()];
        }
        return sum;
    }

    /** Copies by every node for every reason. */
    public long totalCopies() {
        long sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += copies(i);
        }
        return sum;
    }

    /** Bytes copied by every node for every reason. */
    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += bytes(i);
        }
        return sum;
    }

    /** A plain-text table, one line per node and reason with a non-zero count, for logs and test failures. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("copies: ").append(totalCopies()).append(" (")
            .append(totalBytes()).append(" B)");
        for (int i = 0; i < nodes.length; i++) {
            for (int r = 0; r < REASONS; r++) {
                if (copies[i][r] != 0) {
                    sb.append("\n  ").append(nodeNames[i]).append(' ').append(CopyReason.of(r).key()).append(": ")
                        .append(copies[i][r]).append(" (").append(bytes[i][r]).append(" B)");
                }
            }
        }
        return sb.toString();
    }
}
