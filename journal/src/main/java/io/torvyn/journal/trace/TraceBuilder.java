package io.torvyn.journal.trace;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.read.RecordHandler;
import io.torvyn.journal.record.JournalRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds element paths from journal records, streaming: it keeps the records of the first {@code limit} elements
 * it meets and only counters for the rest, so tracing the start of a long journal takes little memory.
 *
 * <p>Each node's records arrive in the order the node made them (the reader reads queue by queue), which is what
 * makes the attribution work: the elements a stage consumed since its last call are the ones its next
 * {@code invoke-begin} works on, and a source's elements are the ones whose records fall inside its call. A call's
 * time is shared equally by its elements; a call recorded inside another (a component host that journals its own
 * calls within the stage's) counts as part of the outer one. An element passes its stages in topological (node
 * index) order.
 */
public final class TraceBuilder implements RecordHandler {
    private final int limit;
    private final Map<Long, Map<Integer, StageState>> selected = new LinkedHashMap<>();
    private final BitSet seen = new BitSet();
    private final Map<Long, JournalRecord> stallStart = new HashMap<>();
    private final List<Long> pending = new ArrayList<>();
    private final Set<Long> callElements = new HashSet<>();
    private List<Long> call;
    private int callDepth;
    private long callStart;
    private int node = Integer.MIN_VALUE;
    private long allocs;
    private long fallbackAllocs;
    private long backpressureEvents;

    /** A builder keeping the first {@code limit} elements it meets. */
    public TraceBuilder(final int limit) {
        this.limit = limit;
    }

    /** The trace of the first {@code limit} elements of {@code records} (read in queue order). */
    public static Trace build(final RunInfo info, final List<JournalRecord> records, final int limit,
                              final boolean backpressure) {
        final TraceBuilder b = new TraceBuilder(limit);
        records.forEach(b::onRecord);
        return b.build(info, backpressure);
    }

    @Override
    public void onRecord(final JournalRecord r) {
        if (r.node() < 0) {
            return;
        }
        if (r.node() != node) {
            node = r.node();
            pending.clear();
            call = null;
            callDepth = 0;
            stallStart.clear();
        }
        final long seq = r.elementSeq();
        final boolean counted = seq >= 0 && seq < Integer.MAX_VALUE;
        if (counted) {
            seen.set((int) seq);
        }
        final Map<Integer, StageState> element = counted ? element(seq) : null;
        switch (r.op()) {
            case BufferOps.CONSUME:
                pending.add(seq);
                break;
            case BufferOps.INVOKE_BEGIN:
                if (callDepth++ > 0) {
                    return;
                }
                call = new ArrayList<>();
                callElements.clear();
                for (final long s : pending) {
                    if (callElements.add(s) && selected.containsKey(s)) {
                        call.add(s);
                    }
                }
                pending.clear();
                callStart = r.timeNs();
                return;
            case BufferOps.INVOKE_END:
                if (callDepth > 0 && --callDepth > 0) {
                    return;
                }
                if (call != null) {
                    final long share = (r.timeNs() - callStart) / Math.max(1, callElements.size());
                    for (final long s : call) {
                        stage(s).durationNs += share;
                    }
                    call = null;
                }
                return;
            case BufferOps.ALLOC:
                allocs++;
                break;
            case BufferOps.FALLBACK_ALLOC:
                fallbackAllocs++;
                break;
            case BufferOps.BACKPRESSURE_ON:
                backpressureEvents++;
                stallStart.put(r.aux(), r);
                return;
            case BufferOps.BACKPRESSURE_OFF:
                final JournalRecord on = stallStart.remove(r.aux());
                if (on != null && on.elementSeq() >= 0 && selected.containsKey(on.elementSeq())) {
                    stage(on.elementSeq()).stalls.add(new long[] {r.aux(), r.timeNs() - on.timeNs()});
                }
                return;
            default:
                break;
        }
        if (call != null && counted && r.op() != BufferOps.CONSUME && callElements.add(seq) && element != null) {
            call.add(seq);
        }
        if (element != null) {
            final StageState st = stage(seq);
            st.first = Math.min(st.first, r.timeNs());
            st.last = Math.max(st.last, r.timeNs());
            st.records.add(r);
            if (r.isCopy()) {
                st.copies++;
                st.copyBytes += r.copiedBytes();
            }
        }
    }

    /** The element's stages when it is (or now becomes) one of the traced elements, else null. */
    private Map<Integer, StageState> element(final long seq) {
        Map<Integer, StageState> e = selected.get(seq);
        if (e == null && selected.size() < limit) {
            e = new TreeMap<>();
            selected.put(seq, e);
        }
        return e;
    }

    private StageState stage(final long seq) {
        return selected.get(seq).computeIfAbsent(node, n -> new StageState());
    }

    /**
     * The trace, with names from {@code info}.
     *
     * @param backpressure also list publishes (with queue depth) and stalls
     */
    public Trace build(final RunInfo info, final boolean backpressure) {
        final List<Trace.Element> elements = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>(selected.keySet());
        sequences.sort(Long::compare);
        for (final long seq : sequences) {
            final List<Trace.Stage> stages = new ArrayList<>();
            long total = 0;
            long copies = 0;
            long bytes = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (final Map.Entry<Integer, StageState> e : selected.get(seq).entrySet()) {
                final StageState st = e.getValue();
                final RunInfo.NodeInfo n = info.node(e.getKey());
                final String role = n == null ? "?" : n.role();
                final List<Trace.Op> ops = new ArrayList<>();
                for (final JournalRecord r : st.records) {
                    final Trace.Op op = op(r, info, backpressure);
                    if (op != null) {
                        ops.add(op);
                    }
                }
                if (backpressure) {
                    for (final long[] stall : st.stalls) {
                        ops.add(new Trace.Op("stall", -1, null, 0, false, info.streamLabel(stall[0]),
                            TraceFormat.duration(stall[1])));
                    }
                }
                stages.add(new Trace.Stage(e.getKey(), info.nodeName(e.getKey()), role, verb(role), st.durationNs,
                    List.copyOf(ops)));
                total += st.durationNs;
                copies += st.copies;
                bytes += st.copyBytes;
                first = Math.min(first, st.first);
                last = Math.max(last, st.last);
            }
            elements.add(new Trace.Element(seq, stages, total, copies, bytes, last == Long.MIN_VALUE ? 0
                : last - first));
        }
        return new Trace(elements, summary(elements));
    }

    private static Trace.Op op(final JournalRecord r, final RunInfo info, final boolean backpressure) {
        final int slot = r.handle() == 0 ? -1 : r.slot();
        switch (r.op()) {
            case BufferOps.ALLOC:
            case BufferOps.FALLBACK_ALLOC:
                return new Trace.Op(r.opName(), slot, info.tierName(r.tier()), r.length(), false, null, null);
            case BufferOps.WRITE:
            case BufferOps.READ:
                return new Trace.Op(r.opName(), slot, null, r.copiedBytes(), r.copiedBytes() > 0, null, null);
            case BufferOps.CLONE:
                return new Trace.Op(r.opName(), slot, null, r.copiedBytes(), r.copiedBytes() > 0, null,
                    "of B" + (int) r.aux());
            case BufferOps.FORWARD:
            case BufferOps.RELEASE:
            case BufferOps.LEAK_RECLAIM:
                return new Trace.Op(r.opName(), slot, null, r.length(), false, null, null);
            case BufferOps.ROUTE:
                return new Trace.Op(r.opName(), slot, null, r.length(), false, null, "ports " + ports(r.aux()));
            case BufferOps.DROP:
                return new Trace.Op(r.opName(), slot, null, r.length(), false,
                    r.aux() < 0 ? null : info.streamLabel(r.aux()), null);
            case BufferOps.ERROR:
                return new Trace.Op(r.opName(), -1, null, 0, false, null, errorCode(r.aux()));
            case BufferOps.PUBLISH:
                if (!backpressure) {
                    return null;
                }
                final long capacity = r.aux() >= 0 && r.aux() < info.streams().size()
                    ? info.streams().get((int) r.aux()).capacity() : 0;
                return new Trace.Op(r.opName(), slot, null, r.length(), false, info.streamLabel(r.aux()),
                    "q " + r.offset() + (capacity > 0 ? "/" + capacity : ""));
            default:
                return null;
        }
    }

    private static String ports(final long mask) {
        final StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 32; p++) {
            if ((mask & (1L << p)) != 0) {
                sb.append(sb.length() == 0 ? "" : "+").append(p);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String errorCode(final long ordinal) {
        final ErrorCode[] codes = ErrorCode.values();
        return ordinal >= 0 && ordinal < codes.length ? codes[(int) ordinal].name() : "code " + ordinal;
    }

    private Trace.Summary summary(final List<Trace.Element> elements) {
        final long[] latencies = new long[elements.size()];
        long copies = 0;
        long bytes = 0;
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = elements.get(i).latencyNs();
            copies += elements.get(i).copies();
            bytes += elements.get(i).copyBytes();
        }
        Arrays.sort(latencies);
        final long allocations = allocs + fallbackAllocs;
        return new Trace.Summary(elements.size(), percentile(latencies, 50), percentile(latencies, 99),
            elements.isEmpty() ? 0 : (double) copies / elements.size(), copies, bytes,
            allocations == 0 ? Double.NaN : (double) allocs / allocations, backpressureEvents, seen.cardinality());
    }

    /** The nearest-rank percentile of sorted values (0 when empty). */
    static long percentile(final long[] sorted, final double p) {
        if (sorted.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The verb `trace` shows for a stage of role {@code role}: pull, process, evaluate, route or push. */
    public static String verb(final String role) {
        switch (role) {
            case "source":
                return "pull";
            case "filter":
                return "evaluate";
            case "router":
                return "route";
            case "sink":
                return "push";
            default:
                return "process";
        }
    }

    private static final class StageState {
        private final List<JournalRecord> records = new ArrayList<>();
        private final List<long[]> stalls = new ArrayList<>();
        private long durationNs;
        private long copies;
        private long copyBytes;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;
    }
}
