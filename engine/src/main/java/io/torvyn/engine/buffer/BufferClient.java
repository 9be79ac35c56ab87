package io.torvyn.engine.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One node's view of the {@link BufferPool}: who is calling (for ownership checks and the journal), how many bytes it
 * may own at once ({@code max_owned_bytes}, E0310), and its own counters of copies, allocations and returns.
 *
 * <p>A client is used by one thread at a time (the thread running its stage), so every counter has a single writer
 * and is a plain slot of a {@code long[]}, written with opaque stores so readers on other threads (metrics, reports)
 * see recent values without the hot path paying for fences or contended atomics. Pool-wide figures are sums over
 * clients taken at read time. The counter array is padded at both ends so two clients' counters never share a cache
 * line.
 *
 * <p>Exception: {@link BufferPool#reclaimOwnedBy(int)} updates a failed node's counters from another thread; it may
 * only be called once that node's stage has stopped calling the pool.
 */
public final class BufferClient {
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PAD = 16;
    private static final int REASONS = CopyReason.count();

    static final int COPIES = PAD;
    static final int COPIED_BYTES = COPIES + REASONS;
    static final int OWNED_BYTES = COPIED_BYTES + REASONS;
    static final int OWNED_PEAK = OWNED_BYTES + 1;
    static final int LEAKED = OWNED_PEAK + 1;
    static final int FALLBACKS = LEAKED + 1;
    static final int FALLBACKS_FREED = FALLBACKS + 1;
    static final int OVERSIZE = FALLBACKS_FREED + 1;
    private static final int TIER_BASE = OVERSIZE + 1;
    private static final int PER_TIER = 4;
    private static final int ALLOCATED = 0;
    private static final int RETURNED = 1;
    private static final int TIER_FALLBACKS = 2;
    private static final int EXHAUSTED = 3;

    /** The node id (index in the flow); owner of the buffers this client allocates. */
    public final int node;
    /** The node's name, for errors and reports. */
    public final String nodeName;
    /** The element the stage is working on; set by the stage before each call, read by the journal recorder. */
    public long elementSeq;
    /** Where {@link BufferPool} leaves the sum of the control words it read ahead, so the reads are not dropped. */
    long warmed;

    final BufferRecorder recorder;
    final boolean recording;
    final long maxOwnedBytes;
    final String where;
    private final int tierCount;
    private final long[] counters;

    /** Free slots this client holds back from the shared free lists (see {@link SlotCache}). */
    final SlotCache cache;

    BufferClient(final int node, final String nodeName, final long maxOwnedBytes, final int[] tierCounts,
                 final BufferRecorder recorder) {
        final int tierCount = tierCounts.length;
        this.cache = new SlotCache(tierCounts);
        if (node < 0) {
            throw new IllegalArgumentException("node id must be >= 0, found " + node);
        }
        if (maxOwnedBytes <= 0) {
            throw new IllegalArgumentException("max_owned_bytes must be > 0, found " + maxOwnedBytes);
        }
        this.node = node;
        this.nodeName = nodeName;
        this.maxOwnedBytes = maxOwnedBytes;
        this.tierCount = tierCount;
        this.recorder = recorder == null ? BufferRecorder.NONE : recorder;
        this.recording = this.recorder != BufferRecorder.NONE;
        this.where = "node '" + nodeName + "'";
        this.counters = new long[TIER_BASE + PER_TIER * tierCount + PAD];
    }

    /** Counts one copy of {@code bytes} payload bytes for {@code reason}: for trusted code copying by address. */
    public void recordCopy(final CopyReason reason, final long bytes) {
        final int r = reason.ordinal();
        add(COPIES + r, 1);
        add(COPIED_BYTES + r, bytes);
    }

    /** The recorder this client reports buffer operations to ({@link BufferRecorder#NONE} when off). */
    public BufferRecorder recorder() {
        return recorder;
    }

    /** Whether this client's operations are recorded (its recorder is not {@link BufferRecorder#NONE}). */
    public boolean isRecording() {
        return recording;
    }

    /** Copies counted for {@code reason}. */
    public long copies(final CopyReason reason) {
        return get(COPIES + reason.ordinal());
    }

    /** Bytes copied for {@code reason}. */
    public long copiedBytes(final CopyReason reason) {
        return get(COPIED_BYTES + reason.ordinal());
    }

    /** Copies counted for every reason. */
    public long copies() {
        long sum = 0;
        for (int r = 0; r < REASONS; r++) {
            sum += get(COPIES + r);
        }
        return sum;
    }

    /** Bytes copied for every reason. */
    public long copiedBytes() {
        long sum = 0;
        for (int r = 0; r < REASONS; r++) {
            sum += get(COPIED_BYTES + r);
        }
        return sum;
    }

    /** Capacity bytes of the buffers this node owns now (OWNED state: allocated or taken, not yet handed off). */
    public long ownedBytes() {
        return get(OWNED_BYTES);
    }

    /** The highest {@link #ownedBytes()} seen. */
    public long ownedBytesPeak() {
        return get(OWNED_PEAK);
    }

    /** This node's budget of owned bytes. */
    public long maxOwnedBytes() {
        return maxOwnedBytes;
    }

    /** Buffers this node still owned when it failed, returned by {@link BufferPool#reclaimOwnedBy(int)}. */
    public long leaked() {
        return get(LEAKED);
    }

    /** Fallback allocations made by this node, in any tier or oversize. */
    public long fallbacks() {
        return get(FALLBACKS);
    }

    /** Fallback buffers this node freed (by dropping their last reference). */
    public long fallbacksFreed() {
        return get(FALLBACKS_FREED);
    }

    /** Fallback allocations for sizes above the largest tier (also counted under the largest tier). */
    public long oversizeAllocations() {
        return get(OVERSIZE);
    }

    /** Buffers this node took from tier {@code t}. */
    public long allocated(final int t) {
        return get(tierIndex(t, ALLOCATED));
    }

    /** Buffers this node returned to tier {@code t} (it dropped the last reference). */
    public long returned(final int t) {
        return get(tierIndex(t, RETURNED));
    }

    /** Fallback allocations this node made in place of tier {@code t}. */
    public long fallbacks(final int t) {
        return get(tierIndex(t, TIER_FALLBACKS));
    }

    /** Allocations by this node that found tier {@code t} empty. */
    public long exhaustionEvents(final int t) {
        return get(tierIndex(t, EXHAUSTED));
    }

    @Override
    public String toString() {
        return "BufferClient{node=" + node + ", name=" + nodeName + ", owned=" + ownedBytes() + "}";
    }

    void onOwned(final long bytes) {
        final long owned = get(OWNED_BYTES) + bytes;
        COUNTERS.setOpaque(counters, OWNED_BYTES, owned);
        if (owned > get(OWNED_PEAK)) {
            COUNTERS.setOpaque(counters, OWNED_PEAK, owned);
        }
    }

    void onDisowned(final long bytes) {
        add(OWNED_BYTES, -bytes);
    }

    boolean wouldExceedBudget(final long bytes) {
        return get(OWNED_BYTES) + bytes > maxOwnedBytes;
    }

    void onAllocated(final int tier) {
        add(tierIndex(tier, ALLOCATED), 1);
    }

    void onReturned(final int tier) {
        add(tierIndex(tier, RETURNED), 1);
    }

    void onExhausted(final int tier) {
        add(tierIndex(tier, EXHAUSTED), 1);
    }

    void onFallback(final int tier, final boolean oversize) {
        add(FALLBACKS, 1);
        if (tier >= 0) {
            add(tierIndex(tier, TIER_FALLBACKS), 1);
        }
        if (oversize) {
            add(OVERSIZE, 1);
        }
    }

    void onFallbackFreed() {
        add(FALLBACKS_FREED, 1);
    }

    void onLeaked() {
        add(LEAKED, 1);
    }

    private int tierIndex(final int tier, final int field) {
        if (tier < 0 || tier >= tierCount) {
            throw new IndexOutOfBoundsException("tier " + tier + " of " + tierCount);
        }
        return TIER_BASE + tier * PER_TIER + field;
    }

    private void add(final int index, final long delta) {
        COUNTERS.setOpaque(counters, index, (long) COUNTERS.getOpaque(counters, index) + delta);
    }

    private long get(final int index) {
        return (long) COUNTERS.getOpaque(counters, index);
    }
}
