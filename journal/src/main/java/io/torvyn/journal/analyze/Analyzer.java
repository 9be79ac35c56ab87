package io.torvyn.journal.analyze;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.read.ReadResult;
import io.torvyn.journal.record.JournalRecord;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Streams a journal once through {@link JournalReader} and accumulates the figures of {@link Analysis}. Memory grows
 * with the number of elements (two longs each, indexed by sequence) and with buffers alive at once, not with the
 * number of records.
 *
 * <p>Buffer lifetimes rely on queues being read in node order: a buffer is allocated by a node and released by it or
 * a node downstream, which has a higher index in the topological order, so its alloc is always read first.
 */
public final class Analyzer {
    /** A stage copying more than this many times per element is flagged. */
    public static final double COPIES_PER_ELEMENT_FLAG = 2.0;
    private static final int TOP = 10;
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final Map<Integer, NodeState> nodes = new TreeMap<>();
    private final Map<Long, Long> allocatedAt = new HashMap<>();
    private final Map<Integer, TierState> tiers = new TreeMap<>();
    private final Histogram lifetimes = histogram();
    private long[] elementCopies = new long[1024];
    private long[] elementBytes = new long[1024];
    private final BitSet elements = new BitSet();
    private long flowStart = Long.MIN_VALUE;
    private long flowEnd = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;

    private Analyzer() {
    }

    /**
     * Analyses the journal at {@code path}.
     *
     * @throws io.torvyn.journal.read.JournalNotFoundException E0601
     */
    public static Analysis analyze(final Path path) {
        final Analyzer a = new Analyzer();
        final ReadResult result = JournalReader.read(path, a::onRecord);
        return a.result(result);
    }

    private void onRecord(final JournalRecord r) {
        lastTime = Math.max(lastTime, r.timeNs());
        if (r.node() < 0) {
            if (r.op() == BufferOps.FLOW_START) {
                flowStart = r.timeNs();
            } else if (r.op() == BufferOps.FLOW_END) {
                flowEnd = r.timeNs();
            }
            return;
        }
        final NodeState node = nodes.computeIfAbsent(r.node(), n -> new NodeState());
        final long seq = r.elementSeq();
        if (seq >= 0 && seq < Integer.MAX_VALUE) {
            node.elements.set((int) seq);
            elements.set((int) seq);
        }
        switch (r.op()) {
            case BufferOps.WRITE:
            case BufferOps.READ:
            case BufferOps.CLONE:
                copy(node, r, seq);
                break;
            case BufferOps.ALLOC:
                allocatedAt.put(r.handle(), r.timeNs());
                tier(r.tier()).allocations++;
                tier(r.tier()).slots.set(r.slot());
                break;
            case BufferOps.FALLBACK_ALLOC:
                allocatedAt.put(r.handle(), r.timeNs());
                tier(r.tier()).fallback++;
                break;
            case BufferOps.RELEASE:
            case BufferOps.LEAK_RECLAIM:
                if (r.op() == BufferOps.LEAK_RECLAIM || r.aux() == 0) {
                    final Long at = allocatedAt.remove(r.handle());
                    if (at != null) {
                        lifetimes.recordValue(clamp(r.timeNs() - at));
                    }
                }
                break;
            case BufferOps.INVOKE_BEGIN:
                if (node.callDepth++ == 0) {
                    node.callStart = r.timeNs();
                }
                break;
            case BufferOps.INVOKE_END:
                if (node.callDepth > 0 && --node.callDepth == 0) {
                    final long d = clamp(r.timeNs() - node.callStart);
                    node.calls.recordValue(d);
                    if (r.length() > 0) {
                        node.perElement.recordValueWithCount(clamp(d / r.length()), r.length());
                    }
                }
                break;
            default:
                break;
        }
    }

    private void copy(final NodeState node, final JournalRecord r, final long seq) {
        if (r.copiedBytes() <= 0) {
            return;
        }
        final int reason = r.op() == BufferOps.WRITE ? 0 : r.op() == BufferOps.READ ? 1 : 2;
        node.copies[reason]++;
        node.bytes[reason] += r.copiedBytes();
        if (seq >= 0 && seq < Integer.MAX_VALUE) {
            grow((int) seq);
            elementCopies[(int) seq]++;
            elementBytes[(int) seq] += r.copiedBytes();
        }
    }

    private void grow(final int seq) {
        if (seq >= elementCopies.length) {
            final int n = Math.max(seq + 1, elementCopies.length * 2);
            elementCopies = Arrays.copyOf(elementCopies, n);
            elementBytes = Arrays.copyOf(elementBytes, n);
        }
    }

    private TierState tier(final int t) {
        return tiers.computeIfAbsent(t, x -> new TierState());
    }

    private Analysis result(final ReadResult read) {
        final RunInfo info = read.info();
        final String[] reasons = {"payload-write", "payload-read", "host-clone"};
        final List<Analysis.CopyRow> copies = new ArrayList<>();
        final List<Analysis.StageElements> perElement = new ArrayList<>();
        final List<Analysis.StageLatency> latency = new ArrayList<>();
        long copiesTotal = 0;
        long bytesTotal = 0;
        long sourceBytes = 0;
        for (final Map.Entry<Integer, NodeState> e : nodes.entrySet()) {
            final String stage = info.nodeName(e.getKey());
            final NodeState n = e.getValue();
            final RunInfo.NodeInfo ni = info.node(e.getKey());
            if (ni != null && "source".equals(ni.role())) {
                sourceBytes += n.bytes[0];
            }
            long stageCopies = 0;
            for (int r = 0; r < reasons.length; r++) {
                if (n.copies[r] > 0) {
                    copies.add(new Analysis.CopyRow(stage, reasons[r], n.copies[r], n.bytes[r]));
                }
                stageCopies += n.copies[r];
                copiesTotal += n.copies[r];
                bytesTotal += n.bytes[r];
            }
            final long count = n.elements.cardinality();
            final double perEl = count == 0 ? 0 : (double) stageCopies / count;
            perElement.add(new Analysis.StageElements(stage, count, stageCopies, perEl,
                perEl > COPIES_PER_ELEMENT_FLAG));
            latency.add(new Analysis.StageLatency(stage, n.calls.getTotalCount(), n.calls.getValueAtPercentile(50),
                n.calls.getValueAtPercentile(90), n.calls.getValueAtPercentile(99), n.calls.getMaxValue(),
                n.perElement.getValueAtPercentile(50), n.perElement.getValueAtPercentile(99)));
        }
        final List<Analysis.TierReuse> pools = new ArrayList<>();
        for (final Map.Entry<Integer, TierState> e : tiers.entrySet()) {
            final TierState t = e.getValue();
            final long all = t.allocations + t.fallback;
            final long used = t.slots.cardinality();
            pools.add(new Analysis.TierReuse(info.tierName(e.getKey()), t.allocations, t.fallback,
                all == 0 ? Double.NaN : (double) t.allocations / all, used,
                used == 0 ? 0 : (double) t.allocations / used));
        }
        final long end = flowEnd != Long.MIN_VALUE ? flowEnd : lastTime;
        return new Analysis(read.directory().toString(), info.flow(), info.level(), elements.cardinality(),
            read.records(), flowStart == Long.MIN_VALUE || end == Long.MIN_VALUE ? 0 : end - flowStart, copies,
            copiesTotal, bytesTotal, sourceBytes, sourceBytes == 0 ? Double.NaN : (double) bytesTotal / sourceBytes,
            perElement, latency, new Analysis.Lifetimes(lifetimes.getTotalCount(), lifetimes.getValueAtPercentile(50),
            lifetimes.getValueAtPercentile(99), lifetimes.getMaxValue(), allocatedAt.size()), pools, top(),
            read.problems());
    }

    private List<Analysis.ElementCopies> top() {
        final PriorityQueue<Analysis.ElementCopies> heap = new PriorityQueue<>((a, b) -> a.copies() != b.copies()
            ? Long.compare(a.copies(), b.copies()) : a.bytes() != b.bytes() ? Long.compare(a.bytes(), b.bytes())
            : Long.compare(b.element(), a.element()));
        for (int seq = elements.nextSetBit(0); seq >= 0; seq = elements.nextSetBit(seq + 1)) {
            if (seq >= elementCopies.length || elementCopies[seq] == 0) {
                continue;
            }
            heap.add(new Analysis.ElementCopies(seq, elementCopies[seq], elementBytes[seq]));
            if (heap.size() > TOP) {
                heap.poll();
            }
        }
        final List<Analysis.ElementCopies> top = new ArrayList<>(heap);
        top.sort(heap.comparator().reversed());
        return top;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_NS, 3);
    }

    private static long clamp(final long ns) {
        return Math.max(0, Math.min(HIGHEST_NS, ns));
    }

    private static final class NodeState {
        private final long[] copies = new long[3];
        private final long[] bytes = new long[3];
        private final BitSet elements = new BitSet();
        private final Histogram calls = histogram();
        private final Histogram perElement = histogram();
        private long callStart;
        private int callDepth;
    }

    private static final class TierState {
        private final BitSet slots = new BitSet();
        private long allocations;
        private long fallback;
    }
}
