package io.torvyn.engine.buffer;

import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import net.openhft.chronicle.bytes.BytesStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import static io.torvyn.engine.buffer.HandleDescriptor.control;
import static io.torvyn.engine.buffer.HandleDescriptor.controlGeneration;
import static io.torvyn.engine.buffer.HandleDescriptor.controlReferences;
import static io.torvyn.engine.buffer.HandleDescriptor.controlState;
import static io.torvyn.engine.buffer.HandleDescriptor.generation;
import static io.torvyn.engine.buffer.HandleDescriptor.nextGeneration;

/**
 * The off-heap payload memory of one run: tiers of fixed-size buffers carved out of one pre-allocated, pre-touched
 * Chronicle {@link BytesStore} per tier, named by generational {@code long} handles, owned by one node at a time and
 * accounted copy by copy. Only handles travel between stages; payload bytes stay here.
 *
 * <h2>Handle table</h2>
 * Parallel primitive arrays indexed by slot (control word, address, capacity, tier, owner, length, content type) cover
 * every pooled buffer, followed by a bounded number of fallback slots for exact-size native allocations made when a
 * tier is empty or a request is larger than every tier. A slot's control word ({@link HandleDescriptor}) holds its
 * generation, {@link BufferState} and reference count and is changed only by compare-and-set, so a release that comes
 * too late (E0303) can never touch the slot's next life.
 *
 * <h2>Threads</h2>
 * Lock-free and allocation-free on the hot path ({@code allocate}, {@code write}, {@code read}, {@code handOff},
 * {@code retain}, {@code release}): producer stages allocate while consumer stages release, each tier's free list is
 * an {@link MpmcIntQueue}, and all counters live in the calling {@link BufferClient}. The non-atomic slot fields
 * (owner, length, content type) are written only by the slot's owner and reach other threads through the
 * happens-before edges the host already provides (ring publication, the control word, the free list).
 *
 * <h2>Memory safety</h2>
 * A buffer's length restarts at 0 on every allocation and a write past the current length zero-fills the gap, so no
 * read through this API ever sees a previous element's bytes. Reads re-check the generation after copying and fail
 * with E0303 if the slot was recycled under them. {@link #address(long)} hands out raw memory for trusted zero-copy
 * code only.
 *
 * <p>{@link #close()} frees all native memory; it must run after every stage has stopped.
 */
public final class BufferPool implements AutoCloseable {
    /** Fallback slots in the handle table when the caller does not choose. */
    public static final int DEFAULT_FALLBACK_SLOTS = 4096;

    private static final VarHandle CONTROL = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Control words sit 2^3 longs (one cache line) apart. The allocating stage writes a slot's word and the releasing
     * stage, usually on another core, compare-and-sets it; packed eight to a line, the words of the slots one side was
     * allocating and the other releasing at the same moment shared lines, and every element paid for a line moving
     * between the cores even when the two slots had nothing to do with each other.
     */
    private static final int CONTROL_SHIFT = 3;
    private static final int EMPTY = MpmcIntQueue.EMPTY;

    private final ExhaustionPolicy exhaustionPolicy;
    private final boolean fallbackOnExhaustion;
    private final long maxBufferSize;
    private final ContentTypes contentTypes = new ContentTypes();

    private final int tierCount;
    private final String[] tierNames;
    private final int[] tierSizes;
    private final int[] tierCounts;
    private final IntFreeStack[] tierFree;
    private final BytesStore<?, ?>[] tierStores;
    private final long tierBytes;

    private final int pooledSlots;
    private final int slotCount;
    private final long[] control;
    private final long[] address;
    private final int[] capacity;
    private final int[] tierOfSlot;
    private final int[] owner;
    private final int[] length;
    private final int[] contentType;

    private final int fallbackSlots;
    private final MpmcIntQueue fallbackFree;
    private final BytesStore<?, ?>[] fallbackStores;
    private final AtomicLong fallbackLive = new AtomicLong();
    private final AtomicLong fallbackBytesLive = new AtomicLong();
    private final AtomicLong fallbackPeak = new AtomicLong();
    private final AtomicLong fallbackBytesPeak = new AtomicLong();

    private volatile BufferClient[] clients = new BufferClient[0];
    private volatile boolean closed;

    /** A pool with the tiers of {@code config} and {@link #DEFAULT_FALLBACK_SLOTS} fallback slots. */
    public BufferPool(final PoolsConfig config) {
        this(config, DEFAULT_FALLBACK_SLOTS);
    }

    /**
     * A pool with the tiers of {@code config}, allocating and pre-touching every tier now.
     *
     * @param fallbackSlots the most fallback buffers alive at once (beyond it, fallback allocation fails with E0300)
     */
    public BufferPool(final PoolsConfig config, final int fallbackSlots) {
        final List<TierConfig> tiers = config.tiers() == null ? List.of() : config.tiers();
        validate(config, tiers, fallbackSlots);
        this.exhaustionPolicy = config.exhaustionPolicy() == null
            ? ExhaustionPolicy.FALLBACK_ALLOC : config.exhaustionPolicy();
        this.fallbackOnExhaustion = exhaustionPolicy == ExhaustionPolicy.FALLBACK_ALLOC;
        this.maxBufferSize = Math.min(config.maxBufferSize(), Integer.MAX_VALUE);
        this.tierCount = tiers.size();
        this.tierNames = new String[tierCount];
        this.tierSizes = new int[tierCount];
        this.tierCounts = new int[tierCount];
        this.tierFree = new IntFreeStack[tierCount];
        this.tierStores = new BytesStore<?, ?>[tierCount];

        long pooled = 0;
        long bytes = 0;
        for (int t = 0; t < tierCount; t++) {
            final TierConfig tier = tiers.get(t);
            tierNames[t] = tier.name();
            tierSizes[t] = tier.bufferSize();
            tierCounts[t] = tier.count();
            pooled += tier.count();
            bytes += (long) tier.bufferSize() * tier.count();
        }
        if (pooled + fallbackSlots > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("too many buffers: " + pooled + " pooled + " + fallbackSlots
                + " fallback slots");
        }
        this.tierBytes = bytes;
        this.pooledSlots = (int) pooled;
        this.fallbackSlots = fallbackSlots;
        this.slotCount = pooledSlots + fallbackSlots;
        this.control = new long[slotCount << CONTROL_SHIFT];
        this.address = new long[slotCount];
        this.capacity = new int[slotCount];
        this.tierOfSlot = new int[slotCount];
        this.owner = new int[slotCount];
        this.length = new int[slotCount];
        this.contentType = new int[slotCount];
        this.fallbackFree = new MpmcIntQueue(Math.max(1, fallbackSlots));
        this.fallbackStores = new BytesStore<?, ?>[fallbackSlots];
        for (int slot = 0; slot < slotCount; slot++) {
            control[slot << CONTROL_SHIFT] = control(HandleDescriptor.FIRST_GENERATION, BufferState.POOLED, 0);
        }
        Arrays.fill(owner, -1);

        int slot = 0;
        for (int t = 0; t < tierCount; t++) {
            tierFree[t] = new IntFreeStack(slot, Math.max(1, tierCounts[t]));
            final long base = allocateTier(t);
            for (int i = 0; i < tierCounts[t]; i++) {
                address[slot + i] = base + (long) i * tierSizes[t];
                capacity[slot + i] = tierSizes[t];
                tierOfSlot[slot + i] = t;
            }
            for (int i = tierCounts[t] - 1; i >= 0; i--) {
                if (!tierFree[t].offer(slot + i)) {
                    throw new IllegalStateException("slot " + (slot + i) + " outside tier " + t);
                }
            }
            slot += tierCounts[t];
        }
        for (; slot < slotCount; slot++) {
            tierOfSlot[slot] = -1;
            fallbackFree.offer(slot);
        }
    }

    /** Creates and registers the client of node {@code node}, with no budget and no recorder. */
    public BufferClient newClient(final int node, final String nodeName) {
        return newClient(node, nodeName, Long.MAX_VALUE, BufferRecorder.NONE);
    }

    /** Creates and registers the client of node {@code node} with a {@code max_owned_bytes} budget. */
    public BufferClient newClient(final int node, final String nodeName, final long maxOwnedBytes) {
        return newClient(node, nodeName, maxOwnedBytes, BufferRecorder.NONE);
    }

    /**
     * Creates and registers the client of node {@code node}: setup time only (it allocates and locks).
     *
     * @param maxOwnedBytes the node's budget of owned bytes (capacity of OWNED buffers), &gt; 0
     * @param recorder      where buffer operations are recorded, {@link BufferRecorder#NONE} for nowhere
     */
    public synchronized BufferClient newClient(final int node, final String nodeName, final long maxOwnedBytes,
                                               final BufferRecorder recorder) {
        Objects.requireNonNull(nodeName, "nodeName");
        if (clientOf(node) != null) {
            throw new IllegalArgumentException("node " + node + " already has a buffer client");
        }
        final BufferClient client = new BufferClient(node, nodeName, maxOwnedBytes, tierCounts, recorder);
        final BufferClient[] old = clients;
        final BufferClient[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = client;
        clients = grown;
        return client;
    }

    /** Every registered client, in registration order. */
    public List<BufferClient> clients() {
        return List.of(clients);
    }

    /** The client of node {@code node}, or null. */
    public BufferClient clientOf(final int node) {
        for (final BufferClient c : clients) {
            if (c.node == node) {
                return c;
            }
        }
        return null;
    }

    /** The copies counted so far by every client. */
    public CopyLedger copyLedger() {
        return CopyLedger.of(clients());
    }

    /** This run's content-type registry (ids stored with each buffer). */
    public ContentTypes contentTypes() {
        return contentTypes;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Allocation and release

    /**
     * A new buffer of at least {@code requested} bytes, OWNED by {@code c}, length 0: from the smallest tier that
     * fits, or (when that tier is empty or no tier is large enough and the policy is fallback-alloc) an exact-size
     * native allocation. The node's budget is charged the buffer's capacity.
     *
     * @throws io.torvyn.engine.error.TorvynException E0305 above max_buffer_size, E0310 past the node's budget, E0301
     *                                                when no buffer is available under policy error, E0300 when
     *                                                the fallback slots are used up or the system allocator fails
     */
    public long allocate(final BufferClient c, final long requested) {
        if (requested < 0 || requested > maxBufferSize) {
            throw requested < 0 ? BufferErrors.badRange(c, 0, requested)
                : BufferErrors.tooLarge(c, requested, maxBufferSize);
        }
        final int tier = tierFor(requested);
        if (tier < 0) {
            if (!fallbackOnExhaustion) {
                throw BufferErrors.noTier(c, requested, tierCount == 0 ? null : tierNames[tierCount - 1],
                    tierCount == 0 ? 0 : tierSizes[tierCount - 1]);
            }
            return allocateFallback(c, tierCount - 1, requested, true);
        }
        final int size = tierSizes[tier];
        if (c.wouldExceedBudget(size)) {
            throw BufferErrors.budget(c, size, c.ownedBytes());
        }
        int slot = c.cache.pop(tier);
        if (slot == EMPTY) {
            slot = refill(c, tier);
        }
        if (slot != EMPTY) {
            c.onAllocated(tier);
            return claim(c, slot, tier, size, requested, BufferOps.ALLOC);
        }
        if (closed) {
            throw BufferErrors.closed();
        }
        c.onExhausted(tier);
        if (!fallbackOnExhaustion) {
            throw BufferErrors.exhausted(c, tierNames[tier], size, tierCounts[tier]);
        }
        return allocateFallback(c, tier, requested, false);
    }

    /**
     * Drops one reference to {@code h}. When it was the last, the buffer goes back to its tier (a fallback buffer is
     * freed) and the slot's generation moves on, so {@code h} is stale from then on. An OWNED buffer may be released
     * only by its owner.
     *
     * @throws io.torvyn.engine.error.TorvynException E0303 for a stale handle, E0302 for someone else's OWNED buffer
     */
    public void release(final BufferClient c, final long h) {
        final int slot = slotOf(c, h);
        while (true) {
            final long w = liveControl(c, h, slot);
            final int state = controlState(w);
            if (state == BufferState.OWNED && owner[slot] != c.node) {
                throw BufferErrors.notOwner(c, h, "release", state, owner[slot]);
            }
            final int references = controlReferences(w);
            if (references > 1) {
                if (CONTROL.compareAndSet(control, slot << CONTROL_SHIFT, w, w - 1)) {
                    if (c.recording) {
                        c.recorder.record(BufferOps.RELEASE, c, h, tierOfSlot[slot], length[slot], 0,
                            references - 1);
                    }
                    return;
                }
                continue;
            }
            if (CONTROL.compareAndSet(control, slot << CONTROL_SHIFT, w, pooled(h))) {
                if (state == BufferState.OWNED) {
                    c.onDisowned(capacity[slot]);
                }
                recycle(c, slot, h, BufferOps.RELEASE);
                return;
            }
        }
    }

    /** The control word of {@code h}'s slot once {@code h} has ended: next generation, back in the pool. */
    private static long pooled(final long h) {
        return control(nextGeneration(generation(h)), BufferState.POOLED, 0);
    }

    /**
     * Moves an OWNED buffer to IN_TRANSIT: it becomes read-only, may be published to rings, and no longer counts
     * against the owner's budget. References are kept (one, unless the owner retained more).
     *
     * @throws io.torvyn.engine.error.TorvynException E0303 for a stale handle, E0302 unless {@code c} owns it
     */
    public void handOff(final BufferClient c, final long h) {
        final int slot = slotOf(c, h);
        final long w = liveControl(c, h, slot);
        final int state = controlState(w);
        if (state != BufferState.OWNED || owner[slot] != c.node) {
            throw BufferErrors.notOwner(c, h, "hand off", state, owner[slot]);
        }
        // Only the owner changes an OWNED buffer's control word (everyone else is refused by the owner check), so a
        // release-store suffices: no compare-and-set on the per-element path.
        CONTROL.setRelease(control, slot << CONTROL_SHIFT, control(generation(h), BufferState.IN_TRANSIT, controlReferences(w)));
        c.onDisowned(capacity[slot]);
    }

    /**
     * Adds {@code n} references to a live buffer, one for each extra ring (or holder) it is published to; each holder
     * releases once.
     *
     * @throws io.torvyn.engine.error.TorvynException E0303 for a stale handle
     */
    public void retain(final long h, final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("retain count must be >= 1, found " + n);
        }
        final int slot = slotOf(null, h);
        while (true) {
            final long w = liveControl(null, h, slot);
            if (controlReferences(w) > HandleDescriptor.MAX_REFERENCES - n) {
                throw BufferErrors.internal("too many references to buffer " + HandleDescriptor.describe(h));
            }
            if (CONTROL.compareAndSet(control, slot << CONTROL_SHIFT, w, w + n)) {
                return;
            }
        }
    }

    /**
     * Makes an IN_TRANSIT buffer that only {@code c} holds (one reference) OWNED by {@code c} again, so it can be
     * modified in place instead of copied. Charges the node's budget.
     *
     * @return true when {@code c} owns the buffer afterwards, false when others still hold it or another node owns it
     * @throws io.torvyn.engine.error.TorvynException E0303 for a stale handle, E0310 past the node's budget
     */
    public boolean takeOwnership(final BufferClient c, final long h) {
        final int slot = slotOf(c, h);
        while (true) {
            final long w = liveControl(c, h, slot);
            final int state = controlState(w);
            if (state == BufferState.OWNED) {
                return owner[slot] == c.node;
            }
            if (state != BufferState.IN_TRANSIT || controlReferences(w) != 1) {
                return false;
            }
            final int cap = capacity[slot];
            if (c.wouldExceedBudget(cap)) {
                throw BufferErrors.budget(c, cap, c.ownedBytes());
            }
            owner[slot] = c.node;
            if (CONTROL.compareAndSet(control, slot << CONTROL_SHIFT, w, control(generation(h), BufferState.OWNED, 1))) {
                c.onOwned(cap);
                return true;
            }
        }
    }

    /**
     * Returns to the pool every buffer node {@code node} still owns (a failed component's leak), counting each as
     * {@code resource.leaked} and recording {@code leak-reclaim}. Call it only after the node's stage has stopped.
     *
     * @return the number of buffers reclaimed
     */
    public int reclaimOwnedBy(final int node) {
        final BufferClient c = clientOf(node);
        if (c == null) {
            return 0;
        }
        int reclaimed = 0;
        for (int slot = 0; slot < slotCount; slot++) {
            final long w = (long) CONTROL.getVolatile(control, slot << CONTROL_SHIFT);
            if (controlState(w) != BufferState.OWNED || owner[slot] != node) {
                continue;
            }
            final int gen = controlGeneration(w);
            final int cap = capacity[slot];
            if (CONTROL.compareAndSet(control, slot << CONTROL_SHIFT, w, control(nextGeneration(gen), BufferState.POOLED, 0))) {
                c.onDisowned(cap);
                c.onLeaked();
                recycle(c, slot, HandleDescriptor.handle(slot, gen), BufferOps.LEAK_RECLAIM);
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** A copy of {@code h}'s payload and content type in a new buffer OWNED by {@code c} (one host-clone copy). */
    public long clone(final BufferClient c, final long h) {
        final int slot = slotOf(c, h);
        liveControl(c, h, slot);
        final int len = length[slot];
        final int type = contentType[slot];
        final long copy = allocate(c, len);
        final int copySlot = HandleDescriptor.slot(copy);
        NativeMemory.copy(address[slot], address[copySlot], len);
        if (!stillCurrent(h, slot)) {
            release(c, copy);
            throw BufferErrors.stale(c, h, currentGeneration(slot));
        }
        length[copySlot] = len;
        contentType[copySlot] = type;
        c.recordCopy(CopyReason.HOST_CLONE, len);
        if (c.recording) {
            c.recorder.record(BufferOps.CLONE, c, copy, tierOfSlot[copySlot], len, len, h);
        }
        return copy;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payload access

    /**
     * Copies {@code len} bytes from native memory at {@code srcAddress} into the buffer at {@code offset}, extending
     * its length; one payload-write copy. Only the owner writes.
     *
     * @throws io.torvyn.engine.error.TorvynException E0303 stale, E0302 not the owner, E0305 past the capacity
     */
    public void write(final BufferClient c, final long h, final long offset, final long srcAddress, final int len) {
        final int slot = writableSlot(c, h, "write");
        final int end = checkedEnd(c, h, slot, offset, len);
        zeroGap(slot, offset);
        NativeMemory.copy(srcAddress, address[slot] + offset, len);
        finishWrite(c, h, slot, offset, len, end);
    }

    /**
     * {@link #allocate} a buffer for {@code len} bytes, {@link #write} {@code len} bytes from native memory at
     * {@code srcAddress} at offset 0 and {@link #setContentType} it, in one step: the same buffer, the same single
     * payload-write copy and the same journal records ({@code alloc}, then {@code write}) as the three calls, without
     * looking the new handle up twice more. It exists for sources that fill every new buffer with one copy.
     *
     * @throws IllegalArgumentException for an unknown content type id (before anything is allocated)
     * @throws io.torvyn.engine.error.TorvynException as {@link #allocate}
     */
    public long allocateWritten(final BufferClient c, final long srcAddress, final int len, final int contentTypeId) {
        if (!contentTypes.isKnown(contentTypeId)) {
            throw new IllegalArgumentException("unknown content type id " + contentTypeId);
        }
        final long h = allocate(c, len);
        final int slot = HandleDescriptor.slot(h);
        NativeMemory.copy(srcAddress, address[slot], len);
        contentType[slot] = contentTypeId;
        finishWrite(c, h, slot, 0, len, len);
        return h;
    }

    /** As {@link #write(BufferClient, long, long, long, int)}, from {@code src[srcOffset .. srcOffset+len)}. */
    public void write(final BufferClient c, final long h, final long offset, final byte[] src, final int srcOffset,
                      final int len) {
        final int slot = writableSlot(c, h, "write");
        final int end = checkedEnd(c, h, slot, offset, len);
        Objects.checkFromIndexSize(srcOffset, len, src.length);
        zeroGap(slot, offset);
        NativeMemory.copy(src, srcOffset, address[slot] + offset, len);
        finishWrite(c, h, slot, offset, len, end);
    }

    /** Writes {@code len} bytes at the end of the payload; returns the new length. */
    public int append(final BufferClient c, final long h, final long srcAddress, final int len) {
        final int slot = writableSlot(c, h, "write");
        final int offset = length[slot];
        final int end = checkedEnd(c, h, slot, offset, len);
        NativeMemory.copy(srcAddress, address[slot] + offset, len);
        finishWrite(c, h, slot, offset, len, end);
        return end;
    }

    /** Writes {@code src[srcOffset .. srcOffset+len)} at the end of the payload; returns the new length. */
    public int append(final BufferClient c, final long h, final byte[] src, final int srcOffset, final int len) {
        final int slot = writableSlot(c, h, "write");
        final int offset = length[slot];
        final int end = checkedEnd(c, h, slot, offset, len);
        Objects.checkFromIndexSize(srcOffset, len, src.length);
        NativeMemory.copy(src, srcOffset, address[slot] + offset, len);
        finishWrite(c, h, slot, offset, len, end);
        return end;
    }

    /**
     * Copies up to {@code len} payload bytes from {@code offset} to native memory at {@code dstAddress}: fewer at the
     * end of the payload, 0 at or past it. One payload-read copy.
     *
     * @return the number of bytes copied
     * @throws io.torvyn.engine.error.TorvynException E0303 when the handle is stale (also if it went stale during the
     *                                                copy), E0305 for a negative offset or length
     */
    public int read(final BufferClient c, final long h, final long offset, final long dstAddress, final int len) {
        final int slot = slotOf(c, h);
        liveControl(c, h, slot);
        final int n = readable(c, slot, offset, len);
        if (n > 0) {
            NativeMemory.copy(address[slot] + offset, dstAddress, n);
        }
        finishRead(c, h, slot, offset, n);
        return n;
    }

    /** As {@link #read(BufferClient, long, long, long, int)}, into {@code dst[dstOffset ..]}. */
    public int read(final BufferClient c, final long h, final long offset, final byte[] dst, final int dstOffset,
                    final int len) {
        final int slot = slotOf(c, h);
        liveControl(c, h, slot);
        Objects.checkFromIndexSize(dstOffset, len, dst.length);
        final int n = readable(c, slot, offset, len);
        if (n > 0) {
            NativeMemory.copy(address[slot] + offset, dst, dstOffset, n);
        }
        finishRead(c, h, slot, offset, n);
        return n;
    }

    /**
     * Sets the payload length of an OWNED buffer after trusted code wrote into {@link #address(long)} directly (the
     * bytes up to {@code newLength} are taken as written). Account the copy with {@link #accountCopy}.
     */
    public void setLength(final BufferClient c, final long h, final long newLength) {
        final int slot = writableSlot(c, h, "set the length of");
        if (newLength < 0 || newLength > capacity[slot]) {
            throw BufferErrors.writePastCapacity(c, h, 0, newLength, capacity[slot]);
        }
        length[slot] = (int) newLength;
    }

    /**
     * Counts (and journals) a copy made by trusted code straight from or into {@link #address(long)}, e.g. a file
     * sink writing from the buffer: {@code reason} payload-read journals {@code read}, payload-write {@code write},
     * host-clone {@code clone}.
     */
    public void accountCopy(final BufferClient c, final long h, final CopyReason reason, final long offset,
                            final long bytes) {
        final int slot = slotOf(c, h);
        liveControl(c, h, slot);
        c.recordCopy(reason, bytes);
        if (c.recording) {
            final int op = reason == CopyReason.PAYLOAD_READ ? BufferOps.READ
                : reason == CopyReason.PAYLOAD_WRITE ? BufferOps.WRITE : BufferOps.CLONE;
            c.recorder.record(op, c, h, tierOfSlot[slot], length[slot], bytes, offset);
        }
    }

    /** Tags an OWNED buffer with content type {@code id} (from {@link #contentTypes()}). */
    public void setContentType(final BufferClient c, final long h, final int id) {
        final int slot = writableSlot(c, h, "set the content type of");
        if (!contentTypes.isKnown(id)) {
            throw new IllegalArgumentException("unknown content type id " + id);
        }
        contentType[slot] = id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Handle queries (E0303 for stale handles unless stated)

    /**
     * Reports a stage-level operation on a buffer (publish, consume, forward, route, drop, backpressure, error) to the
     * client's recorder, with the buffer's tier and length when the handle is live. Free when the journal is off.
     */
    public void recordOp(final BufferClient c, final int op, final long h, final long aux) {
        if (!c.recording) {
            return;
        }
        final int slot = HandleDescriptor.slot(h);
        if (h > 0 && slot < slotCount) {
            c.recorder.record(op, c, h, tierOfSlot[slot], length[slot], 0, aux);
        } else {
            c.recorder.record(op, c, h, -1, 0, 0, aux);
        }
    }

    /**
     * Reports the start or end of one component call ({@link BufferOps#INVOKE_BEGIN} / {@link BufferOps#INVOKE_END})
     * to the client's recorder. Free when the journal is off.
     */
    public void recordInvocation(final BufferClient c, final int op, final int elements, final long fuel,
                                 final long status) {
        if (c.recording) {
            c.recorder.recordInvocation(op, c, elements, fuel, status);
        }
    }

    /** Whether {@code h} names a buffer that is still alive in the generation it was issued for. Never throws. */
    public boolean isLive(final long h) {
        final int slot = HandleDescriptor.slot(h);
        if (h <= 0 || slot >= slotCount) {
            return false;
        }
        final long w = (long) CONTROL.getAcquire(control, slot << CONTROL_SHIFT);
        return controlGeneration(w) == generation(h) && BufferState.isLive(controlState(w));
    }

    /** The {@link BufferState} of {@code h}, or {@link BufferState#RELEASED} once it is stale. Never throws. */
    public int stateOf(final long h) {
        final int slot = HandleDescriptor.slot(h);
        if (h <= 0 || slot >= slotCount) {
            return BufferState.RELEASED;
        }
        final long w = (long) CONTROL.getAcquire(control, slot << CONTROL_SHIFT);
        return controlGeneration(w) == generation(h) ? controlState(w) : BufferState.RELEASED;
    }

    /** The node owning {@code h}, or -1 when it is not OWNED (in transit, stale, foreign). Never throws. */
    public int ownerOf(final long h) {
        return stateOf(h) == BufferState.OWNED ? owner[HandleDescriptor.slot(h)] : -1;
    }

    /** The payload length. */
    public long length(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return length[slot];
    }

    /** The capacity of buffer {@code h} (a tier's buffer size, or the exact size of a fallback buffer). */
    public int capacity(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return capacity[slot];
    }

    /** The content-type id ({@link ContentTypes#NONE} when untagged). */
    public int contentType(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return contentType[slot];
    }

    /** The tier of {@code h}; a fallback buffer reports the tier it stood in for (-1 when there are no tiers). */
    public int tierOf(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return tierOfSlot[slot];
    }

    /** Whether {@code h} is an exact-size fallback allocation rather than a pooled buffer. */
    public boolean isFallback(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return slot >= pooledSlots;
    }

    /**
     * The native address of {@code h}'s first byte, valid while {@code h} is live, for trusted zero-copy code. Bytes
     * past the length are undefined; writes through it bypass ownership checks.
     */
    public long address(final long h) {
        final int slot = slotOf(null, h);
        liveControl(null, h, slot);
        return address[slot];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Statistics (pool metrics; per-tier sums over clients are taken at read time)

    /** Number of tiers. */
    public int tierCount() {
        return tierCount;
    }

    /** The configured name of tier {@code t}. */
    public String tierName(final int t) {
        return tierNames[t];
    }

    /** The index of the tier named {@code name}, or -1. */
    public int tierIndex(final String name) {
        for (int t = 0; t < tierCount; t++) {
            if (tierNames[t].equals(name)) {
                return t;
            }
        }
        return -1;
    }

    /** {@code pool.capacity}: the number of buffers tier {@code t} holds (not a handle's capacity: see above). */
    public int capacity(final int t) {
        return tierCounts[t];
    }

    /** {@code pool.available}: free buffers in tier {@code t} now (exact when no stage is running). */
    public int available(final int t) {
        return free(t);
    }

    /** The size of every buffer in tier {@code t}. */
    public int bufferSize(final int t) {
        return tierSizes[t];
    }

    /** {@code pool.allocated}: buffers taken from tier {@code t}. */
    public long allocated(final int t) {
        long sum = 0;
        for (final BufferClient c : clients) {
            sum += c.allocated(t);
        }
        return sum;
    }

    /** {@code pool.returned}: buffers given back to tier {@code t}. */
    public long returned(final int t) {
        long sum = 0;
        for (final BufferClient c : clients) {
            sum += c.returned(t);
        }
        return sum;
    }

    /** {@code pool.fallback_count}: fallback allocations made in place of tier {@code t} (oversize: largest tier). */
    public long fallbackCount(final int t) {
        long sum = 0;
        for (final BufferClient c : clients) {
            sum += c.fallbacks(t);
        }
        return sum;
    }

    /** {@code pool.exhaustion_events}: allocations that found tier {@code t} empty. */
    public long exhaustionEvents(final int t) {
        long sum = 0;
        for (final BufferClient c : clients) {
            sum += c.exhaustionEvents(t);
        }
        return sum;
    }

    /**
     * {@code pool.reuse_rate}: the share of tier {@code t}'s requests served by a recycled pooled buffer rather than a
     * fallback allocation; NaN (reported as null) when the tier saw no request.
     */
    public double reuseRate(final int t) {
        final long pooled = allocated(t);
        final long total = pooled + fallbackCount(t);
        return total == 0 ? Double.NaN : (double) pooled / total;
    }

    /** Fallback buffers alive now. */
    public long fallbackLive() {
        return fallbackLive.get();
    }

    /** Bytes of fallback buffers alive now. */
    public long fallbackBytesLive() {
        return fallbackBytesLive.get();
    }

    /** The most fallback buffers alive at once. */
    public long fallbackPeak() {
        return fallbackPeak.get();
    }

    /** The most fallback bytes alive at once. */
    public long fallbackBytesPeak() {
        return fallbackBytesPeak.get();
    }

    /**
     * Starts a new peak interval for {@link #fallbackPeak()} and {@link #fallbackBytesPeak()} at what is alive now
     * (bench excludes its warm-up this way). Racing with an allocation it can at worst keep that allocation's peak.
     */
    public void restartFallbackPeaks() {
        fallbackPeak.set(fallbackLive.get());
        fallbackBytesPeak.set(fallbackBytesLive.get());
    }

    /** The number of fallback slots in the handle table. */
    public int fallbackSlots() {
        return fallbackSlots;
    }

    /** The configured exhaustion policy. */
    public ExhaustionPolicy exhaustionPolicy() {
        return exhaustionPolicy;
    }

    /** The largest buffer anyone may allocate. */
    public long maxBufferSize() {
        return maxBufferSize;
    }

    /** {@code memory.offheap} for pools: every tier's store plus live fallback buffers. */
    public long offHeapBytes() {
        return tierBytes + fallbackBytesLive.get();
    }

    /** The most off-heap bytes held at once (tiers plus the fallback peak). */
    public long offHeapBytesPeak() {
        return tierBytes + fallbackBytesPeak.get();
    }

    /** Whether every tier is full and no fallback buffer is alive: the flow-end leak check (false once closed). */
    public boolean allReturned() {
        if (closed) {
            return false;
        }
        for (int t = 0; t < tierCount; t++) {
            if (free(t) != tierCounts[t]) {
                return false;
            }
        }
        return fallbackLive.get() == 0;
    }

    /**
     * Frees all native memory and makes every handle stale. Call after every stage has stopped; afterwards
     * allocation fails (E0900) and any handle is refused (E0303). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int slot = 0; slot < slotCount; slot++) {
            final long w = (long) CONTROL.getVolatile(control, slot << CONTROL_SHIFT);
            CONTROL.setVolatile(control, slot << CONTROL_SHIFT, control(nextGeneration(controlGeneration(w)), BufferState.RELEASED,
                0));
        }
        for (int t = 0; t < tierCount; t++) {
            drain(tierFree[t]);
            if (tierStores[t] != null) {
                tierStores[t].releaseLast();
                tierStores[t] = null;
            }
        }
        drain(fallbackFree);
        for (int f = 0; f < fallbackSlots; f++) {
            final BytesStore<?, ?> store = fallbackStores[f];
            if (store != null) {
                fallbackStores[f] = null;
                fallbackBytesLive.addAndGet(-capacity[pooledSlots + f]);
                fallbackLive.decrementAndGet();
                store.releaseLast();
            }
        }
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("BufferPool{");
        for (int t = 0; t < tierCount; t++) {
            sb.append(t == 0 ? "" : ", ").append(tierNames[t]).append('=').append(available(t)).append('/')
                .append(tierCounts[t]).append('×').append(tierSizes[t]).append('B');
        }
        return sb.append(", fallbackLive=").append(fallbackLive.get()).append('}').toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals

    private long claim(final BufferClient c, final int slot, final int tier, final int cap, final long requested,
                       final int op) {
        final int gen = controlGeneration((long) CONTROL.getOpaque(control, slot << CONTROL_SHIFT));
        owner[slot] = c.node;
        length[slot] = 0;
        contentType[slot] = ContentTypes.NONE;
        CONTROL.setRelease(control, slot << CONTROL_SHIFT, control(gen, BufferState.OWNED, 1));
        c.onOwned(cap);
        final long h = HandleDescriptor.handle(slot, gen);
        if (c.recording) {
            c.recorder.record(op, c, h, tier, cap, 0, requested);
        }
        return h;
    }

    private long allocateFallback(final BufferClient c, final int tier, final long requested, final boolean oversize) {
        if (closed) {
            throw BufferErrors.closed();
        }
        if (c.wouldExceedBudget(requested)) {
            throw BufferErrors.budget(c, requested, c.ownedBytes());
        }
        final int slot = fallbackFree.poll();
        if (slot == EMPTY) {
            throw BufferErrors.fallbackSlotsExhausted(c, fallbackSlots);
        }
        final BytesStore<?, ?> store;
        try {
            store = BytesStore.nativeStoreWithFixedCapacity(Math.max(1, requested));
        } catch (final OutOfMemoryError | RuntimeException e) {
            fallbackFree.offer(slot);
            throw BufferErrors.allocatorFailed(c, requested, e);
        }
        fallbackStores[slot - pooledSlots] = store;
        address[slot] = store.addressForWrite(0);
        capacity[slot] = (int) requested;
        tierOfSlot[slot] = tier;
        raisePeak(fallbackPeak, fallbackLive.incrementAndGet());
        raisePeak(fallbackBytesPeak, fallbackBytesLive.addAndGet(requested));
        c.onFallback(tier, oversize);
        return claim(c, slot, tier, (int) requested, requested, BufferOps.FALLBACK_ALLOC);
    }

    /** Takes one slot for the caller and up to half a stash more from the shared free list, in one burst. */
    private int refill(final BufferClient c, final int tier) {
        final IntFreeStack shared = tierFree[tier];
        if (c.cache.capacity(tier) == 0) {
            return shared.poll();
        }
        final int first = c.cache.refillFrom(tier, c.cache.capacity(tier) / 2 + 1, shared);
        if (first != EMPTY) {
            warmControlWords(c, tier);
        }
        return first;
    }

    /**
     * Reads the control word of every slot the stash just received. Those slots were released by another stage,
     * usually on another core, so each word is in that core's cache; allocated one by one, each allocation waited for
     * its own line. Read together, the loads are independent and their misses overlap.
     */
    private void warmControlWords(final BufferClient c, final int tier) {
        long sum = 0;
        for (int k = c.cache.count(tier) - 1; k >= 0; k--) {
            sum += (long) CONTROL.getOpaque(control, c.cache.peek(tier, k) << CONTROL_SHIFT);
        }
        c.warmed = sum;
    }

    /** Gives half of a full stash back to the shared free list, in one burst. */
    private void spill(final BufferClient c, final int tier) {
        if (!c.cache.spillAbove(tier, c.cache.capacity(tier) / 2, tierFree[tier])) {
            throw BufferErrors.internal("free list of tier '" + tierNames[tier] + "' overflowed");
        }
    }

    /** Free buffers of tier {@code t}: on the shared list and in every stage's stash (exact when quiescent). */
    private int free(final int t) {
        int n = tierFree[t].size();
        for (final BufferClient c : clients) {
            n += c.cache.count(t);
        }
        return n;
    }

    /**
     * Returns the slot of {@code h} to its tier (a fallback buffer is freed). The caller has already moved the slot's
     * control word to {@link #pooled(long)} with one compare-and-set: that single transition bumps the generation,
     * so {@code h} is stale from then on, and no stage can take the slot before it is pushed back here.
     */
    private void recycle(final BufferClient c, final int slot, final long h, final int op) {
        final int tier = tierOfSlot[slot];
        if (c.recording) {
            c.recorder.record(op, c, h, tier, length[slot], 0, 0);
        }
        if (slot < pooledSlots) {
            if (!c.cache.push(tier, slot)) {
                spill(c, tier);
                if (!c.cache.push(tier, slot) && !tierFree[tier].offer(slot)) {
                    throw BufferErrors.internal("free list of tier '" + tierNames[tier] + "' overflowed");
                }
            }
            c.onReturned(tier);
            return;
        }
        final int f = slot - pooledSlots;
        final BytesStore<?, ?> store = fallbackStores[f];
        final int cap = capacity[slot];
        fallbackStores[f] = null;
        address[slot] = 0;
        capacity[slot] = 0;
        store.releaseLast();
        fallbackLive.decrementAndGet();
        fallbackBytesLive.addAndGet(-cap);
        c.onFallbackFreed();
        if (!fallbackFree.offer(slot)) {
            throw BufferErrors.internal("fallback free list overflowed");
        }
    }

    private int tierFor(final long size) {
        for (int t = 0; t < tierCount; t++) {
            if (size <= tierSizes[t]) {
                return t;
            }
        }
        return -1;
    }

    private int slotOf(final BufferClient c, final long h) {
        final int slot = HandleDescriptor.slot(h);
        if (h <= 0 || slot >= slotCount) {
            throw BufferErrors.foreign(c, h);
        }
        return slot;
    }

    private long liveControl(final BufferClient c, final long h, final int slot) {
        final long w = (long) CONTROL.getAcquire(control, slot << CONTROL_SHIFT);
        if (controlGeneration(w) != generation(h) || !BufferState.isLive(controlState(w))) {
            throw BufferErrors.stale(c, h, controlGeneration(w));
        }
        return w;
    }

    private int writableSlot(final BufferClient c, final long h, final String action) {
        final int slot = slotOf(c, h);
        final long w = liveControl(c, h, slot);
        if (controlState(w) != BufferState.OWNED || owner[slot] != c.node) {
            throw BufferErrors.notOwner(c, h, action, controlState(w), owner[slot]);
        }
        return slot;
    }

    private int checkedEnd(final BufferClient c, final long h, final int slot, final long offset, final int len) {
        if (offset < 0 || len < 0) {
            throw BufferErrors.badRange(c, offset, len);
        }
        if (offset > capacity[slot] - (long) len) {
            throw BufferErrors.writePastCapacity(c, h, offset, len, capacity[slot]);
        }
        return (int) (offset + len);
    }

    private void zeroGap(final int slot, final long offset) {
        final int current = length[slot];
        if (offset > current) {
            NativeMemory.zero(address[slot] + current, offset - current);
        }
    }

    private void finishWrite(final BufferClient c, final long h, final int slot, final long offset, final int len,
                             final int end) {
        if (end > length[slot]) {
            length[slot] = end;
        }
        c.recordCopy(CopyReason.PAYLOAD_WRITE, len);
        if (c.recording) {
            c.recorder.record(BufferOps.WRITE, c, h, tierOfSlot[slot], length[slot], len, offset);
        }
    }

    private int readable(final BufferClient c, final int slot, final long offset, final int len) {
        if (offset < 0 || len < 0) {
            throw BufferErrors.badRange(c, offset, len);
        }
        return (int) Math.max(0, Math.min(len, length[slot] - offset));
    }

    private void finishRead(final BufferClient c, final long h, final int slot, final long offset, final int n) {
        if (!stillCurrent(h, slot)) {
            throw BufferErrors.stale(c, h, currentGeneration(slot));
        }
        c.recordCopy(CopyReason.PAYLOAD_READ, n);
        if (c.recording) {
            c.recorder.record(BufferOps.READ, c, h, tierOfSlot[slot], length[slot], n, offset);
        }
    }

    /** After copying out of a slot: the loads of the copy happen before this re-check of its generation. */
    private boolean stillCurrent(final long h, final int slot) {
        VarHandle.acquireFence();
        return controlGeneration((long) CONTROL.getOpaque(control, slot << CONTROL_SHIFT)) == generation(h);
    }

    private int currentGeneration(final int slot) {
        return controlGeneration((long) CONTROL.getVolatile(control, slot << CONTROL_SHIFT));
    }

    private long allocateTier(final int t) {
        final long bytes = (long) tierSizes[t] * tierCounts[t];
        if (bytes == 0) {
            return 0;
        }
        final BytesStore<?, ?> store;
        try {
            store = BytesStore.nativeStoreWithFixedCapacity(bytes);
        } catch (final OutOfMemoryError | RuntimeException e) {
            for (int i = 0; i < t; i++) {
                if (tierStores[i] != null) {
                    tierStores[i].releaseLast();
                }
            }
            throw BufferErrors.allocatorFailed(null, bytes, e);
        }
        tierStores[t] = store;
        final long base = store.addressForWrite(0);
        NativeMemory.zero(base, bytes);
        return base;
    }

    private static void raisePeak(final AtomicLong peak, final long value) {
        long seen = peak.get();
        while (value > seen && !peak.compareAndSet(seen, value)) {
            seen = peak.get();
        }
    }

    private static void drain(final IntFreeStack stack) {
        int polled;
        do {
            polled = stack.poll();
        } while (polled != EMPTY);
    }

    private static void drain(final MpmcIntQueue queue) {
        int polled;
        do {
            polled = queue.poll();
        } while (polled != EMPTY);
    }

    private static void validate(final PoolsConfig config, final List<TierConfig> tiers, final int fallbackSlots) {
        if (fallbackSlots < 0) {
            throw new IllegalArgumentException("fallback slots must be >= 0, found " + fallbackSlots);
        }
        if (config.maxBufferSize() < 0) {
            throw new IllegalArgumentException("max_buffer_size must be >= 0, found " + config.maxBufferSize());
        }
        final List<String> names = new ArrayList<>();
        int previous = 0;
        for (final TierConfig tier : tiers) {
            if (tier.name() == null || names.contains(tier.name())) {
                throw new IllegalArgumentException("tier names must be present and unique: " + tier.name());
            }
            names.add(tier.name());
            if (tier.bufferSize() <= previous || tier.count() < 0) {
                throw new IllegalArgumentException("tiers must have growing buffer sizes > 0 and counts >= 0: "
                    + tier);
            }
            previous = tier.bufferSize();
        }
    }
}
