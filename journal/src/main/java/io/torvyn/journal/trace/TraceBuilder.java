package io.torvyn.journal.trace;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilds element paths from journal records. Each node's records are in the order the node made them, which is
 * what makes the attribution work: the elements a stage consumed since its last call are the ones its next
 * {@code invoke-begin} works on, and a source's elements are the ones whose records fall inside its call. An element
 * passes its stages in topological (node index) order.
 */
public final class TraceBuilder {
    private final RunInfo info;
    private final boolean backpressure;
    private final Map<Long, Map<Integer, StageState>> byElement = new TreeMap<>();
    private long allocs;
    private long fallbackAllocs;
    private long backpressureEvents;

    private TraceBuilder(final RunInfo info, final boolean backpressure) {
        this.info = info;
        this.backpressure = backpressure;
    }

    /**
     * The trace of the first {@code limit} elements (by sequence) of a journal's records.
     *
     * @param backpressure also list publishes (queue depth) and stalls
     */
    public static Trace build(final RunInfo info, final List<JournalRecord> records, final int limit,
                              final boolean backpressure) {
        final TraceBuilder b = new TraceBuilder(info, backpressure);
        final Map<Integer, List<JournalRecord>> byNode = new TreeMap<>();
        for (final JournalRecord r : records) {
            if (r.node() >= 0) {
                byNode.computeIfAbsent(r.node(), n -> new ArrayList<>()).add(r);
            }
        }
        for (final Map.Entry<Integer, List<JournalRecord>> e : byNode.entrySet()) {
            b.node(e.getKey(), e.getValue());
        }
        return b.trace(limit);
    }

    private void node(final int node, final List<JournalRecord> records) {
        final Set<Long> pending = new LinkedHashSet<>();
        Set<Long> call = null;
        long callStart = 0;
        final Map<Long, JournalRecord> stallStart = new HashMap<>();
        for (final JournalRecord r : records) {
            final long seq = r.elementSeq();
            switch (r.op()) {
                case BufferOps.CONSUME:
                    pending.add(seq);
                    break;
                case BufferOps.INVOKE_BEGIN:
                    call = new LinkedHashSet<>(pending);
                    pending.clear();
                    callStart = r.timeNs();
                    break;
                case BufferOps.INVOKE_END:
                    if (call != null) {
                        final long share = (r.timeNs() - callStart) / Math.max(1, call.size());
                        for (final long s : call) {
                            stage(s, node).durationNs += share;
                        }
                        call = null;
                    }
                    break;
                case BufferOps.ALLOC:
                    allocs++;
                    break;
                case BufferOps.FALLBACK_ALLOC:
                    fallbackAllocs++;
                    break;
                case BufferOps.BACKPRESSURE_ON:
                    backpressureEvents++;
                    stallStart.put(r.aux(), r);
                    break;
                case BufferOps.BACKPRESSURE_OFF:
                    final JournalRecord on = stallStart.remove(r.aux());
                    if (backpressure && on != null && on.elementSeq() >= 0) {
                        stage(on.elementSeq(), node).ops.add(new Trace.Op("stall", -1, null, 0, false,
                            info.streamLabel(r.aux()), TraceFormat.duration(r.timeNs() - on.timeNs())));
                    }
                    break;
                default:
                    break;
            }
            if (call != null && seq >= 0 && r.op() != BufferOps.INVOKE_BEGIN) {
                call.add(seq);
            }
            if (seq >= 0) {
                final StageState st = stage(seq, node);
                st.first = Math.min(st.first, r.timeNs());
                st.last = Math.max(st.last, r.timeNs());
                final Trace.Op op = op(r);
                if (op != null) {
                    st.ops.add(op);
                }
                if (r.isCopy()) {
                    st.copies++;
                    st.copyBytes += r.copiedBytes();
                }
            }
        }
    }

    private Trace.Op op(final JournalRecord r) {
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

    private StageState stage(final long seq, final int node) {
        return byElement.computeIfAbsent(seq, s -> new TreeMap<>()).computeIfAbsent(node, n -> new StageState());
    }

    private Trace trace(final int limit) {
        final List<Trace.Element> elements = new ArrayList<>();
        final Set<Long> sequences = new TreeSet<>(byElement.keySet());
        for (final long seq : sequences) {
            if (elements.size() >= limit) {
                break;
            }
            final List<Trace.Stage> stages = new ArrayList<>();
            long total = 0;
            long copies = 0;
            long bytes = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (final Map.Entry<Integer, StageState> e : byElement.get(seq).entrySet()) {
                final StageState st = e.getValue();
                final RunInfo.NodeInfo n = info.node(e.getKey());
                final String role = n == null ? "?" : n.role();
                stages.add(new Trace.Stage(e.getKey(), info.nodeName(e.getKey()), role, verb(role), st.durationNs,
                    List.copyOf(st.ops)));
                total += st.durationNs;
                copies += st.copies;
                bytes += st.copyBytes;
                first = Math.min(first, st.first);
                last = Math.max(last, st.last);
            }
            elements.add(new Trace.Element(seq, stages, total, copies, bytes, last - first));
        }
        return new Trace(elements, summary(elements));
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
            allocations == 0 ? Double.NaN : (double) allocs / allocations, backpressureEvents, byElement.size());
    }

    /** The nearest-rank percentile of sorted values (0 when empty). */
    static long percentile(final long[] sorted, final double p) {
        if (sorted.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The verb `trace` shows for a stage of role {@code role}. */
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
        private final List<Trace.Op> ops = new ArrayList<>();
        private long durationNs;
        private long copies;
        private long copyBytes;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;
    }
}
