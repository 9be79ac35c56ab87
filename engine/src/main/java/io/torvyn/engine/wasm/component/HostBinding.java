package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.ContentTypes;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.internal.UnsafeAccess;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The host side of one Wasm instance's imports: the per-call handle table that maps the guest's small {@code i32}
 * handles to the pool's generational {@code long} handles, and every import of module {@code "torvyn"}.
 *
 * <h2>Handle table</h2>
 * A call ({@link #begin}) opens a fresh range of handle numbers: handles are issued in order from a run-long
 * counter, so a call's handles are {@code [base, base + used)} and the entry of handle {@code h} is {@code h - base}.
 * A number below {@code base} was issued by an earlier call and is <em>stale</em>; one at or past
 * {@code base + used} was never issued. Neither can alias a live entry until the counter wraps after 2<sup>31</sup>
 * handles. Each entry holds the pool handle, a state ({@link #BORROWED} input, {@link #OWNED} allocation,
 * {@link #MOVED} once emitted or returned, {@link #RELEASED}) and the element's sequence and timestamp.
 * <p>
 * A misuse is answered with the ABI's code and remembered: a stale or unknown handle returns −14 and the element
 * fails with E0303 after the call; a write to, release or emit of a buffer the guest does not own returns −13 and
 * fails it with E0302 ({@link #violation()}). Buffers the guest emits are collected here and reach the
 * {@link Emitter} only when the call has succeeded ({@link #finish}); owned buffers left at the end of a call are
 * released and counted as leaked; after a failed call {@link #abort()} gives everything back.
 *
 * <h2>Copies</h2>
 * Payload bytes cross the boundary in exactly one copy per {@code buffer_read}/{@code buffer_write}/
 * {@code buffer_append} call, straight between the pooled buffer's native address and the linear memory, and that copy
 * is accounted with its byte count ({@code payload-read}/{@code payload-write}); {@code buffer_clone} is one
 * {@code host-clone}. Metadata access is free.
 * <p>
 * Used by the stage's thread only. Nothing here allocates on the hot path: the tables are reused and grow only when a
 * call issues more handles or emits more buffers than any call before; {@code log} and {@code fail} allocate when
 * called, and a content type the guest sets is turned into a string only the first time it is seen.
 */
public final class HostBinding implements TorvynHost {
    static final byte BORROWED = 1;
    static final byte OWNED = 2;
    static final byte MOVED = 3;
    static final byte RELEASED = 4;

    static final int CAPACITY_EXCEEDED = -10;
    static final int OUT_OF_BOUNDS = -11;
    static final int ALLOCATION_FAILED = -12;
    static final int NOT_OWNER = -13;
    static final int STALE_HANDLE = -14;
    static final int BUDGET_EXCEEDED = -15;

    /** The most handles one call may hold; {@code buffer_alloc} past it returns −12. */
    static final int MAX_HANDLES_PER_CALL = 1 << 16;
    private static final int MAX_FAIL_MESSAGE = 1024;
    private static final int MAX_LOG_LINE = 4096;
    private static final int CONTENT_TYPE_CACHE = 32;

    private final ComponentContext ctx;
    private final BufferPool pool;
    private final BufferClient client;
    private final ContentTypes contentTypes;
    private final String where;
    private final ComponentLog log;
    private final byte[] config;
    private final long timeoutNs;
    private final boolean tracksDeadline;
    private final int portCount;

    private WasmMemory memory;

    private long[] engineHandles = new long[16];
    private byte[] states = new byte[16];
    private long[] sequences = new long[16];
    private long[] timestamps = new long[16];
    private int next = 1;
    private int base = 1;
    private int used;
    private long callStartNs;
    private long parentSeq;
    private long parentTs;
    private long parentIntended;

    private long[] outHandles = new long[8];
    private int[] outMasks = new int[8];
    private long[] outParents = new long[8];
    private int outCount;

    private boolean violated;
    private ErrorCode violationCode;
    private int violationHandle;
    private String violationAction;

    private boolean failSet;
    private int failKind;
    private final byte[] failBytes = new byte[MAX_FAIL_MESSAGE];
    private int failLength;

    private final byte[] contentTypeScratch = new byte[ContentTypes.MAX_UTF8_BYTES + 1];
    private final byte[][] cachedTypes = new byte[CONTENT_TYPE_CACHE][];
    private final int[] cachedTypeIds = new int[CONTENT_TYPE_CACHE];
    private int cachedTypeCount;

    /**
     * @param ctx            the node's context (pool, its buffer client, sequences, counters)
     * @param where          the node, for messages
     * @param config         the config string the {@code config} import returns, or null
     * @param timeoutNs      the invocation timeout, for {@code deadline_ns} (0 = none)
     * @param tracksDeadline whether the module imports {@code deadline_ns} (only then is the call start read)
     * @param portCount      output ports: 0 for a sink, the declared ports of a router, 1 otherwise
     * @param log            where {@code log} lines go
     */
    HostBinding(final ComponentContext ctx, final String where, final String config, final long timeoutNs,
                final boolean tracksDeadline, final int portCount, final ComponentLog log) {
        this.ctx = ctx;
        this.pool = ctx.pool();
        this.client = ctx.client();
        this.contentTypes = ctx.contentTypes();
        this.where = where;
        this.config = config == null ? new byte[0] : config.getBytes(StandardCharsets.UTF_8);
        this.timeoutNs = timeoutNs;
        this.tracksDeadline = tracksDeadline && timeoutNs > 0;
        this.portCount = portCount;
        this.log = log;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The call protocol, driven by the component classes

    /**
     * Opens a call on behalf of element {@code seq} (−1 when there is none: a source pull, a flush, a batch): new
     * handles are issued from here, and emitted outputs inherit the timestamps given.
     */
    void begin(final long seq, final long timestampNs, final long intendedNs) {
        base = next > Integer.MAX_VALUE - MAX_HANDLES_PER_CALL ? 1 : next;
        used = 0;
        outCount = 0;
        violated = false;
        failSet = false;
        parentSeq = seq;
        parentTs = timestampNs;
        parentIntended = intendedNs;
        if (tracksDeadline) {
            callStartNs = System.nanoTime();
        }
    }

    /** Lends input buffer {@code engineHandle} to the guest, read-only, for this call; returns its i32 handle. */
    int borrow(final long engineHandle, final long seq, final long timestampNs) {
        return issue(engineHandle, BORROWED, seq, timestampNs);
    }

    /** Whether the guest misused a handle during this call. */
    boolean violated() {
        return violated;
    }

    /** The E0302/E0303 of the first misuse of this call; call only when {@link #violated()}. */
    TorvynException violation() {
        return violationCode == ErrorCode.E0302
            ? ComponentErrors.notOwner(where, violationHandle, violationAction)
            : ComponentErrors.stale(where, violationHandle, violationAction);
    }

    /** The message the guest attached with {@code fail} during this call, or null. */
    String failMessage() {
        return failSet ? new String(failBytes, 0, failLength, StandardCharsets.UTF_8) : null;
    }

    /**
     * Takes over a buffer the guest returned as its result: its pool handle when {@code h} is a buffer the guest owns
     * in this call (the entry becomes {@link #MOVED}), otherwise 0 with the misuse recorded (E0303 / E0302).
     */
    long claimResult(final int h, final String export) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            stale(h, export);
            return 0;
        }
        if (states[i] != OWNED) {
            notOwner(h, export);
            return 0;
        }
        states[i] = MOVED;
        return engineHandles[i];
    }

    /**
     * Closes a successful call: the buffers the guest emitted go to {@code out} in emit order with new flow
     * sequences (with no {@code out}, outside an element's call, they are released), and owned buffers it left behind
     * are released and counted as leaked.
     *
     * @return the number of outputs added to {@code out}
     */
    int finish(final Emitter out) {
        final int n = out == null ? 0 : outCount;
        if (out == null) {
            for (int k = 0; k < outCount; k++) {
                pool.release(client, outHandles[k]);
            }
        }
        if (n > 0) {
            final long first = ctx.nextSequences(n);
            for (int k = 0; k < n; k++) {
                out.emitNew(outHandles[k], first + k, parentTs, parentIntended, outMasks[k]);
            }
        }
        final int leaked = releaseOwned();
        if (leaked > 0) {
            ctx.stats().addLeaked(leaked);
        }
        close();
        return n;
    }

    /** Closes a failed call: every buffer the guest owned or emitted in it goes back to the pool (not a leak). */
    void abort() {
        for (int k = 0; k < outCount; k++) {
            pool.release(client, outHandles[k]);
        }
        releaseOwned();
        close();
    }

    /** The sequence of the element that produced output {@code k} of the last call (−1 for none): the lineage. */
    long outputParent(final int k) {
        return outParents[k];
    }

    private void close() {
        next = base + used;
        used = 0;
        outCount = 0;
    }

    private int releaseOwned() {
        int released = 0;
        for (int i = 0; i < used; i++) {
            if (states[i] == OWNED) {
                states[i] = RELEASED;
                pool.release(client, engineHandles[i]);
                released++;
            }
        }
        return released;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Host imports

    @Override
    public void bind(final WasmMemory memory) {
        this.memory = memory;
    }

    @Override
    public long bufferSize(final int h) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "buffer_size");
        }
        return pool.length(engineHandles[i]);
    }

    @Override
    public int bufferContentType(final int h, final int dst, final int cap) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "buffer_content_type");
        }
        final int id = pool.contentType(engineHandles[i]);
        final int length = contentTypes.utf8Length(id);
        final int n = Math.min(Math.max(cap, 0), length);
        if (cap < 0 || !memory.inBounds(dst, n)) {
            return OUT_OF_BOUNDS;
        }
        if (n > 0) {
            contentTypes.copyUtf8(id, contentTypeScratch, 0);
            memory.copyIn(contentTypeScratch, 0, dst, n);
        }
        return length;
    }

    @Override
    public int bufferRead(final int h, final long off, final int dst, final int len) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "buffer_read");
        }
        if (off < 0 || !memory.inBounds(dst, len)) {
            return OUT_OF_BOUNDS;
        }
        final long eh = engineHandles[i];
        final long length = pool.length(eh);
        final int n = (int) Math.max(0, Math.min(len, length - off));
        if (n > 0) {
            memory.copyIn(pool.address(eh) + off, dst, n);
        }
        pool.accountCopy(client, eh, CopyReason.PAYLOAD_READ, off, n);
        return n;
    }

    @Override
    public int bufferAlloc(final long hint) {
        if (hint < 0) {
            return OUT_OF_BOUNDS;
        }
        if (used == MAX_HANDLES_PER_CALL) {
            return ALLOCATION_FAILED;
        }
        final long eh;
        try {
            eh = pool.allocate(client, hint);
        } catch (final TorvynException e) {
            return allocationError(e);
        }
        return issue(eh, OWNED, parentSeq, parentTs);
    }

    @Override
    public int bufferClone(final int h) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "buffer_clone");
        }
        if (used == MAX_HANDLES_PER_CALL) {
            return ALLOCATION_FAILED;
        }
        final long copy;
        try {
            copy = pool.clone(client, engineHandles[i]);
        } catch (final TorvynException e) {
            return allocationError(e);
        }
        return issue(copy, OWNED, sequences[i], timestamps[i]);
    }

    @Override
    public int bufferWrite(final int h, final long off, final int src, final int len) {
        return write(h, off, src, len, false, "buffer_write");
    }

    @Override
    public int bufferAppend(final int h, final int src, final int len) {
        return write(h, 0, src, len, true, "buffer_append");
    }

    @Override
    public int bufferSetContentType(final int h, final int src, final int len) {
        final int i = ownedEntry(h, "buffer_set_content_type");
        if (i < 0) {
            return i;
        }
        final int id = contentTypeOf(src, len);
        if (id < 0) {
            return id;
        }
        pool.setContentType(client, engineHandles[i], id);
        return 0;
    }

    @Override
    public int bufferRelease(final int h) {
        final int i = ownedEntry(h, "buffer_release");
        if (i < 0) {
            return i;
        }
        states[i] = RELEASED;
        pool.release(client, engineHandles[i]);
        return 0;
    }

    @Override
    public long elementSequence(final int h) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "element_sequence");
        }
        return sequences[i];
    }

    @Override
    public long elementTimestampNs(final int h) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, "element_timestamp_ns");
        }
        return timestamps[i];
    }

    @Override
    public int emit(final int h, final int port) {
        final int i = ownedEntry(h, "emit");
        if (i < 0) {
            return i;
        }
        final int mask = portMask(port);
        if (mask == 0) {
            return OUT_OF_BOUNDS;
        }
        if (outCount == outHandles.length) {
            growOutputs();
        }
        outHandles[outCount] = engineHandles[i];
        outMasks[outCount] = mask;
        outParents[outCount] = parentSeq;
        outCount++;
        states[i] = MOVED;
        return 0;
    }

    @Override
    public int config(final int dst, final int cap) {
        final int n = Math.min(Math.max(cap, 0), config.length);
        if (cap < 0 || !memory.inBounds(dst, n)) {
            return OUT_OF_BOUNDS;
        }
        memory.copyIn(config, 0, dst, n);
        return config.length;
    }

    @Override
    public long deadlineNs() {
        if (!tracksDeadline) {
            return 0;
        }
        return Math.max(1, callStartNs + timeoutNs - System.nanoTime());
    }

    @Override
    public void log(final int level, final int src, final int len) {
        if (len <= 0 || !memory.inBounds(src, len) || !log.admit()) {
            return;
        }
        log.write(level, new String(memory.readBytes(src, Math.min(len, MAX_LOG_LINE)), StandardCharsets.UTF_8));
    }

    @Override
    public void fail(final int kind, final int src, final int len) {
        final int n = Math.min(Math.max(len, 0), MAX_FAIL_MESSAGE);
        failKind = kind;
        failLength = memory.copyOut(src, failBytes, 0, n) == WasmMemory.OK ? n : 0;
        failSet = true;
    }

    /** The kind passed to the last {@code fail} of this call (meaningful only when a message was attached). */
    int failKind() {
        return failKind;
    }

    /**
     * The content-type id for {@code len} UTF-8 bytes at {@code src} of the guest's memory ({@link ContentTypes#NONE}
     * for none), or a negative ABI error. Registers a type seen for the first time (setup-like, allocates once).
     */
    int contentTypeOf(final int src, final int len) {
        if (len == 0) {
            return ContentTypes.NONE;
        }
        if (len < 0 || len > ContentTypes.MAX_UTF8_BYTES) {
            return CAPACITY_EXCEEDED;
        }
        if (memory.copyOut(src, contentTypeScratch, 0, len) != WasmMemory.OK) {
            return OUT_OF_BOUNDS;
        }
        for (int k = 0; k < cachedTypeCount; k++) {
            final byte[] known = cachedTypes[k];
            if (known.length == len && Arrays.equals(known, 0, len, contentTypeScratch, 0, len)) {
                return cachedTypeIds[k];
            }
        }
        final int id;
        try {
            id = contentTypes.register(new String(contentTypeScratch, 0, len, StandardCharsets.UTF_8));
        } catch (final TorvynException e) {
            return OUT_OF_BOUNDS;
        }
        if (cachedTypeCount < CONTENT_TYPE_CACHE) {
            cachedTypes[cachedTypeCount] = Arrays.copyOf(contentTypeScratch, len);
            cachedTypeIds[cachedTypeCount] = id;
            cachedTypeCount++;
        }
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals

    private int write(final int h, final long offset, final int src, final int len, final boolean append,
                      final String action) {
        final int i = ownedEntry(h, action);
        if (i < 0) {
            return i;
        }
        final long eh = engineHandles[i];
        final long length = pool.length(eh);
        final long off = append ? length : offset;
        if (off < 0 || !memory.inBounds(src, len)) {
            return OUT_OF_BOUNDS;
        }
        if (off > pool.capacity(eh) - (long) len) {
            return CAPACITY_EXCEEDED;
        }
        final long address = pool.address(eh);
        if (off > length) {
            UnsafeAccess.UNSAFE.setMemory(address + length, off - length, (byte) 0);
        }
        memory.copyOut(src, address + off, len);
        if (off + len > length) {
            pool.setLength(client, eh, off + len);
        }
        pool.accountCopy(client, eh, CopyReason.PAYLOAD_WRITE, off, len);
        return 0;
    }

    /** The entry of a buffer the guest owns in this call, or the ABI error with the misuse recorded. */
    private int ownedEntry(final int h, final String action) {
        final int i = index(h);
        if (i < 0 || states[i] == RELEASED) {
            return stale(h, action);
        }
        if (states[i] != OWNED) {
            return notOwner(h, action);
        }
        return i;
    }

    private int index(final int h) {
        final int i = h - base;
        return h > 0 && i >= 0 && i < used ? i : -1;
    }

    private int issue(final long engineHandle, final byte state, final long seq, final long timestampNs) {
        if (used == engineHandles.length) {
            growTable();
        }
        final int i = used++;
        engineHandles[i] = engineHandle;
        states[i] = state;
        sequences[i] = seq;
        timestamps[i] = timestampNs;
        return base + i;
    }

    private int portMask(final int port) {
        if (port == -1) {
            return portCount > 0 ? 1 : 0;
        }
        return port >= 0 && port < portCount ? 1 << port : 0;
    }

    private int stale(final int h, final String action) {
        record(ErrorCode.E0303, h, action);
        return STALE_HANDLE;
    }

    private int notOwner(final int h, final String action) {
        record(ErrorCode.E0302, h, action);
        return NOT_OWNER;
    }

    private void record(final ErrorCode code, final int h, final String action) {
        if (!violated) {
            violated = true;
            violationCode = code;
            violationHandle = h;
            violationAction = action;
        }
    }

    private static int allocationError(final TorvynException e) {
        switch (e.code()) {
            case E0305:
                return CAPACITY_EXCEEDED;
            case E0310:
                return BUDGET_EXCEEDED;
            default:
                return ALLOCATION_FAILED;
        }
    }

    private void growTable() {
        final int n = Math.min(engineHandles.length * 2, MAX_HANDLES_PER_CALL);
        engineHandles = Arrays.copyOf(engineHandles, n);
        states = Arrays.copyOf(states, n);
        sequences = Arrays.copyOf(sequences, n);
        timestamps = Arrays.copyOf(timestamps, n);
    }

    private void growOutputs() {
        final int n = outHandles.length * 2;
        outHandles = Arrays.copyOf(outHandles, n);
        outMasks = Arrays.copyOf(outMasks, n);
        outParents = Arrays.copyOf(outParents, n);
    }
}
