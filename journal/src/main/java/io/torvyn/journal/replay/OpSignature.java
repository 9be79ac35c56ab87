package io.torvyn.journal.replay;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.record.JournalRecord;

import java.util.Locale;

/**
 * What replay compares of one operation: its kind, sizes, copies, stream, route and emitted payload hash, and none
 * of what legitimately differs between two runs (times, handles, slots, batching, queue depths, backpressure, which
 * fan-out branch released a buffer last, whether an allocation fell back).
 */
final class OpSignature {
    private OpSignature() {
    }

    /** The comparable text of {@code r}, or null when replay ignores this operation. */
    static String of(final JournalRecord r, final RunInfo info) {
        switch (r.op()) {
            case BufferOps.ALLOC:
            case BufferOps.FALLBACK_ALLOC:
                return "alloc " + r.aux() + "B";
            case BufferOps.WRITE:
            case BufferOps.READ:
            case BufferOps.CLONE:
                return r.opName() + " " + r.copiedBytes() + "B";
            case BufferOps.PUBLISH:
                return "publish " + r.length() + "B → " + info.streamLabel(r.aux())
                    + (r.payloadHash() == 0 ? "" : String.format(Locale.ROOT, " #%016x", r.payloadHash()));
            case BufferOps.CONSUME:
                return "consume " + info.streamLabel(r.aux());
            case BufferOps.FORWARD:
            case BufferOps.RELEASE:
            case BufferOps.LEAK_RECLAIM:
                return r.opName();
            case BufferOps.ROUTE:
                return "route mask " + Long.toBinaryString(r.aux());
            case BufferOps.DROP:
                return "drop" + (r.aux() < 0 ? "" : " " + info.streamLabel(r.aux()));
            case BufferOps.ERROR:
                final ErrorCode[] codes = ErrorCode.values();
                return "error " + (r.aux() >= 0 && r.aux() < codes.length ? codes[(int) r.aux()].name() : r.aux());
            default:
                return null;
        }
    }

    /** The size replay adds up at level ops: requested bytes for an allocation, copied bytes, else the length. */
    static long size(final JournalRecord r) {
        switch (r.op()) {
            case BufferOps.ALLOC:
            case BufferOps.FALLBACK_ALLOC:
                return r.aux();
            case BufferOps.WRITE:
            case BufferOps.READ:
            case BufferOps.CLONE:
                return r.copiedBytes();
            default:
                return r.length();
        }
    }

    /** The kind replay counts at level ops: fallback allocations count as allocations. */
    static String kind(final JournalRecord r) {
        return r.op() == BufferOps.FALLBACK_ALLOC ? "alloc" : r.opName();
    }
}
