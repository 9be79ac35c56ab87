package io.torvyn.engine.stage;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.config.BackpressurePolicy;
import io.torvyn.engine.config.ErrorPolicy;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.ring.ElementEvent;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.ring.StreamStats;

/**
 * A stage is an agent: {@link #doWork()} moves at most one yield batch of elements and returns how many it moved, so
 * a {@code shared} worker can run several stages cooperatively and a {@code dedicated} thread can run one. A stage is
 * the only producer of its output streams and the only consumer of its input streams (single writer everywhere).
 * <p>
 * This base class owns what every role shares: taking batches off the input rings (fan-in), publishing outputs to the
 * output rings with reference counts (fan-out), backpressure per edge policy, end-of-stream propagation, and the
 * drain-after-failure mode in which the stage keeps releasing what reaches it so the flow can end without losing a
 * buffer.
 * <p>
 * When the run is journaled ({@link #recording}), the stage also records what only it sees: each element taken off a
 * ring ({@code consume}), handed on unchanged ({@code forward}), routed ({@code route}) or dropped for want of a
 * target, and each component call ({@code invoke-begin} / {@code invoke-end}). The loops that take, publish or
 * release a whole batch tell the recorder so ({@link io.torvyn.engine.buffer.BufferRecorder#beginBatch()}): their
 * records share one clock reading. With the journal off each of these costs one check of a final boolean.
 */
public abstract class Stage {
    protected final String name;
    protected final int index;
    protected final ComponentContext ctx;
    protected final BufferPool pool;
    protected final BufferClient client;
    protected final NodeStats stats;
    protected final FlowControl flow;
    protected final boolean timed;
    /** True when this stage's buffer client reports to a journal. */
    protected final boolean recording;
    protected final int yieldBatch;
    protected final long yieldQuantumNs;

    private final Component component;
    private final Stream[] inputs;
    private final long[] nextToConsume;
    private final boolean[] inputEnded;
    private final Stream[][] outputsByPort;
    private final Stream singleOutput;
    private final long[] firstClaimed;
    private int endedInputs;
    private int inputCursor;
    private long fuelAtCall;

    protected final ElementBatch batch;
    protected final Emitter out;
    private int outIndex;
    private boolean outPrepared;
    private int targetCursor;

    private boolean endOfStreamSent;
    private boolean failed;
    private boolean done;
    private boolean opened;

    protected Stage(final StageSpec spec, final Component component) {
        this.name = spec.name();
        this.index = spec.index();
        this.ctx = spec.context();
        this.pool = ctx.pool();
        this.client = ctx.client();
        this.stats = spec.stats();
        this.flow = spec.flow();
        this.timed = spec.timed();
        this.recording = client.isRecording();
        this.yieldBatch = spec.yieldBatch();
        this.yieldQuantumNs = spec.yieldQuantumNs();
        this.component = component;
        this.inputs = spec.inputs();
        this.nextToConsume = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nextToConsume[i] = inputs[i].consumedSequence() + 1;
        }
        this.inputEnded = new boolean[inputs.length];
        this.outputsByPort = spec.outputsByPort();
        this.singleOutput = outputsByPort.length == 1 && outputsByPort[0].length == 1 ? outputsByPort[0][0] : null;
        int streams = 0;
        for (final Stream[] port : outputsByPort) {
            for (final Stream s : port) {
                streams = Math.max(streams, s.index() + 1);
            }
        }
        this.firstClaimed = new long[streams];
        java.util.Arrays.fill(firstClaimed, -1);
        final int batchCapacity = Math.max(yieldBatch, spec.batchSize());
        this.batch = new ElementBatch(batchCapacity);
        this.out = new Emitter(batchCapacity * 2);
    }

    public final String name() {
        return name;
    }

    public final int index() {
        return index;
    }

    public final NodeStats stats() {
        return stats;
    }

    public final BufferClient client() {
        return client;
    }

    public final Stream[] inputs() {
        return inputs;
    }

    /** True once the stage has ended its output streams (or, for a sink, completed): the worker drops it. */
    public final boolean isDone() {
        return done;
    }

    /** True when this stage failed and is draining. */
    public final boolean hasFailed() {
        return failed;
    }

    /** Opens the component; called on the thread that will run the stage. */
    public final void open() {
        if (opened) {
            return;
        }
        opened = true;
        try {
            component.open(ctx);
        } catch (final TorvynException e) {
            fail(e);
        } catch (final RuntimeException e) {
            fail(internal(e));
        }
    }

    /** Closes the component and reclaims anything it still owns. */
    public final void close() {
        try {
            component.close(ctx);
        } catch (final RuntimeException e) {
            if (!failed) {
                fail(e instanceof TorvynException t ? t : internal(e));
            }
        }
        reclaimOwned();
    }

    /** Moves up to one yield batch of elements; returns how many moved (0 = nothing to do now). */
    public final int doWork() {
        if (done) {
            return 0;
        }
        if (!opened) {
            open();
        }
        stats.checkpoint();
        try {
            if (!flushOutputs()) {
                return 0;
            }
            if (failed) {
                return drainAfterFailure();
            }
            return work();
        } catch (final TorvynException e) {
            fail(e);
            return 1;
        } catch (final RuntimeException e) {
            fail(internal(e));
            return 1;
        }
    }

    /** The role-specific step: called only when no output is pending and the stage has not failed. */
    protected abstract int work();

    // ------------------------------------------------------------------------------------------------ error policy

    /**
     * Calls the component on the batch under the node's error policy: a failed element is retried from where it failed
     * ({@code retry:N}), skipped ({@code skip-element}; counted as dropped when {@code countSkips}), or fails the stage
     * ({@code fail-fast}, and E0410 under any policy), which then drains. {@code call} handles
     * {@code batch[start, end)} and is a field of the stage, so a call allocates nothing.
     */
    protected final void callWithPolicy(final ErrorPolicy policy, final Runnable call, final boolean countSkips) {
        int attempts = 0;
        int from = batch.start();
        while (from < batch.end()) {
            batch.start(from);
            final long first = batch.sequence(from);
            final int elements = batch.end() - from;
            int failedAt;
            TorvynException error;
            try {
                client.elementSeq = first;
                invocationBegins(first, elements);
                call.run();
                invocationEnds(first, elements, 0);
                break;
            } catch (final ElementFailure f) {
                invocationEnds(first, f.index() - from, 1);
                failedAt = f.index();
                error = f.error();
            } catch (final TorvynException e) {
                invocationEnds(first, 0, 1);
                failedAt = from;
                error = e;
            }
            if (policy.kind() == ErrorPolicy.Kind.FAIL_FAST || error.code() == ErrorCode.E0410) {
                batch.start(0);
                fail(error);
                return;
            }
            stats.errors++;
            if (policy.kind() == ErrorPolicy.Kind.RETRY && attempts < policy.retries()) {
                attempts++;
                from = failedAt;
            } else {
                attempts = 0;
                if (countSkips) {
                    stats.dropped++;
                }
                from = failedAt + 1;
            }
        }
        batch.start(0);
    }

    // ------------------------------------------------------------------------------------------------ failure

    protected final void fail(final TorvynException e) {
        stats.errors++;
        failed = true;
        flow.fail(name, e);
        client.elementSeq = -1;
        pool.recordOp(client, BufferOps.ERROR, 0, e.code().ordinal());
        publishClaimed();
        discardPendingOutputs();
        reclaimOwned();
    }

    /** Gives back the references held by outputs that will now never be published. */
    private void discardPendingOutputs() {
        for (int o = outIndex; o < out.count(); o++) {
            final long handle = out.handle(o);
            int references = 1;
            if (o == outIndex && outPrepared) {
                references = countTargets(out.portMask(o)) - targetCursor;
            } else if (out.isOwned(o)) {
                pool.handOff(client, handle);
            }
            for (int r = 0; r < references; r++) {
                pool.release(client, handle);
            }
        }
        out.clear();
        outIndex = 0;
        outPrepared = false;
    }

    protected final TorvynException internal(final RuntimeException e) {
        return new TorvynException(new io.torvyn.engine.error.Problem(ErrorCode.E0900,
            "internal error in stage `" + name + "`: " + e, "node " + name,
            "this is a bug in Torvyn: please report it with the command line and the journal path"), e);
    }

    private void reclaimOwned() {
        final int reclaimed = pool.reclaimOwnedBy(client.node);
        if (reclaimed > 0) {
            stats.addLeaked(reclaimed);
        }
    }

    /** A failed stage keeps consuming and releasing so upstream stages can finish, then ends its outputs. */
    private int drainAfterFailure() {
        final int n = takeBatch(batch.capacity());
        for (int i = batch.start(); i < batch.end(); i++) {
            if (recording) {
                client.elementSeq = batch.sequence(i);
            }
            pool.release(client, batch.handle(i));
            stats.dropped++;
        }
        if (n == 0 && allInputsEnded()) {
            finish();
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ inputs

    protected final boolean hasInputs() {
        return inputs.length > 0;
    }

    protected final boolean allInputsEnded() {
        return endedInputs == inputs.length;
    }

    /**
     * Fills {@link #batch} with up to {@code max} elements from the input streams, round-robin across fan-in inputs.
     * Ring slots are freed as soon as their fields are copied into the batch.
     */
    protected final int takeBatch(final int max) {
        batch.clear();
        final int limit = Math.min(max, batch.capacity());
        final int n = inputs.length;
        if (recording) {
            client.recorder().beginBatch();
        }
        try {
            for (int k = 0; k < n && batch.end() < limit; k++) {
                final int i = (inputCursor + k) % n;
                if (!inputEnded[i]) {
                    take(i, limit);
                }
            }
        } finally {
            if (recording) {
                client.recorder().endBatch();
            }
        }
        if (n > 1) {
            inputCursor = (inputCursor + 1) % n;
        }
        final int taken = batch.end();
        stats.elementsIn += taken;
        return taken;
    }

    private void take(final int i, final int limit) {
        final Stream s = inputs[i];
        if (s.dropOldestMode()) {
            takeContended(i, s, limit);
            return;
        }
        final long first = nextToConsume[i];
        final int base = batch.end();
        final int n = (int) Math.min(s.available() - first + 1, limit - base);
        if (n <= 0) {
            return;
        }
        // A counted loop with the bound fixed before it starts: the earlier `while (next <= available && end <
        // limit)` form sent C2 into a deoptimization loop (Stage::take made not entrant ~190 times in one 10 s run,
        // reason profile_predicate), each round trip through the interpreter costing the flow milliseconds.
        int taken = 0;
        int added = 0;
        while (taken < n) {
            final ElementEvent ev = s.get(first + taken);
            taken++;
            if (ev.isEndOfStream()) {
                markEnded(i);
                break;
            }
            batch.put(base + added, ev.handle, ev.sequence, ev.timestampNs, ev.intendedNs);
            added++;
            if (recording) {
                recordConsume(ev.handle, ev.sequence, s.index());
            }
        }
        batch.extendTo(base + added);
        nextToConsume[i] = first + taken;
        s.consumedUpTo(first + taken - 1);
    }

    private void takeContended(final int i, final Stream s, final int limit) {
        while (batch.end() < limit) {
            final long next = s.consumedSequence() + 1;
            if (next > s.available()) {
                return;
            }
            final ElementEvent ev = s.get(next);
            final long handle = ev.handle;
            final long seq = ev.sequence;
            final long ts = ev.timestampNs;
            final long intended = ev.intendedNs;
            final boolean end = ev.isEndOfStream();
            if (s.tryConsume(next)) {
                if (end) {
                    markEnded(i);
                    return;
                }
                batch.add(handle, seq, ts, intended);
                if (recording) {
                    recordConsume(handle, seq, s.index());
                }
            }
        }
    }

    private void recordConsume(final long handle, final long sequence, final int stream) {
        client.elementSeq = sequence;
        pool.recordOp(client, BufferOps.CONSUME, handle, stream);
    }

    /** Journals the start of a component call on {@code elements} elements, the first being {@code firstSeq}. */
    protected final void invocationBegins(final long firstSeq, final int elements) {
        if (recording) {
            fuelAtCall = stats.fuelConsumed();
            client.elementSeq = firstSeq;
            pool.recordInvocation(client, BufferOps.INVOKE_BEGIN, elements, 0, 0);
        }
    }

    /**
     * Journals the end of the call begun by {@link #invocationBegins}, with the fuel the node's stats gained during it;
     * status 0 = returned, 1 = threw.
     */
    protected final void invocationEnds(final long firstSeq, final int elements, final int status) {
        if (recording) {
            client.elementSeq = firstSeq;
            pool.recordInvocation(client, BufferOps.INVOKE_END, elements, stats.fuelConsumed() - fuelAtCall, status);
        }
    }

    private void markEnded(final int i) {
        inputEnded[i] = true;
        endedInputs++;
    }

    /** Releases every input of the batch that no output took over. */
    protected final void releaseUnpassedInputs() {
        if (!recording) {
            releaseUnpassed();
            return;
        }
        client.recorder().beginBatch();
        try {
            releaseUnpassed();
        } finally {
            client.recorder().endBatch();
        }
    }

    private void releaseUnpassed() {
        if (batch.allPassedOn()) {
            return;
        }
        for (int i = 0; i < batch.end(); i++) {
            if (!batch.passedOn(i)) {
                if (recording) {
                    client.elementSeq = batch.sequence(i);
                }
                pool.release(client, batch.handle(i));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ outputs

    /**
     * Publishes pending outputs. Returns false when a {@code block} edge is full: the position is remembered and the
     * stage takes no new input until it gets through, which is how backpressure travels upstream.
     */
    protected final boolean flushOutputs() {
        if (outIndex >= out.count()) {
            out.clear();
            outIndex = 0;
            return true;
        }
        if (!recording) {
            return flushPending();
        }
        client.recorder().beginBatch();
        try {
            return flushPending();
        } finally {
            client.recorder().endBatch();
        }
    }

    /** {@link #flushOutputs()} once there is something to publish. */
    private boolean flushPending() {
        if (singleOutput != null && !outPrepared && publishAllToSingleOutput()) {
            return true;
        }
        boolean complete = true;
        final long now = outIndex < out.count() ? System.nanoTime() : 0;
        while (outIndex < out.count()) {
            final long handle = out.handle(outIndex);
            final int mask = out.portMask(outIndex);
            if (!outPrepared) {
                final int targets = countTargets(mask);
                client.elementSeq = out.sequence(outIndex);
                if (out.isOwned(outIndex)) {
                    pool.handOff(client, handle);
                } else if (recording) {
                    pool.recordOp(client, BufferOps.FORWARD, handle, mask);
                }
                if (recording && outputsByPort.length > 1) {
                    pool.recordOp(client, BufferOps.ROUTE, handle, mask);
                }
                if (targets == 0) {
                    if (recording) {
                        pool.recordOp(client, BufferOps.DROP, handle, -1);
                    }
                    pool.release(client, handle);
                    stats.dropped++;
                    outIndex++;
                    continue;
                }
                if (targets > 1) {
                    pool.retain(handle, targets - 1);
                }
                outPrepared = true;
                targetCursor = 0;
            }
            if (!publishToTargets(outIndex, handle, mask, now)) {
                complete = false;
                break;
            }
            stats.elementsOut++;
            outIndex++;
            outPrepared = false;
        }
        publishClaimed();
        if (complete) {
            out.clear();
            outIndex = 0;
        }
        return complete;
    }

    /**
     * The common case, a non-router with one output stream: as many pending outputs as the stream has room for go out
     * with one claim and one publish, with no per-element policy checks. A {@code block} stream in backpressure that
     * has drained to its low watermark resumes here too. Returns true when nothing is left pending; otherwise the
     * per-element path takes over from the first output that did not fit and applies the edge's policy.
     */
    private boolean publishAllToSingleOutput() {
        final Stream s = singleOutput;
        final int count = out.count();
        final StreamStats st = s.stats();
        if (st.inBackpressure()) {
            if (s.policy() != BackpressurePolicy.BLOCK || !s.atOrBelowLowWatermark()) {
                return false;
            }
            st.backpressureOff(System.nanoTime());
            pool.recordOp(client, BufferOps.BACKPRESSURE_OFF, 0, s.index());
        }
        if (!out.allToDefaultPort()) {
            for (int o = outIndex; o < count; o++) {
                if (out.portMask(o) != Emitter.DEFAULT_PORT) {
                    return false;
                }
            }
        }
        final int n = s.roomFor(count - outIndex);
        if (n == 0) {
            return false;
        }
        final long first = s.nextSequence();
        s.claimBatch(n);
        final int end = outIndex + n;
        if (recording || out.anyOwned()) {
            handOffAndWrite(s, first, end);
        } else {
            writeForwarded(s, first, end);
        }
        s.publishUpTo(first);
        stats.elementsOut += n;
        if (end < count) {
            outIndex = end;
            return false;
        }
        out.clear();
        outIndex = 0;
        return true;
    }

    /** Writes outputs {@code [outIndex, end)}, all forwarded inputs, into the slots claimed from {@code first}. */
    private void writeForwarded(final Stream s, final long first, final int end) {
        long seq = first;
        for (int o = outIndex; o < end; o++, seq++) {
            writeEvent(s.get(seq), o, out.handle(o));
        }
    }

    /** Fills a claimed ring slot with output {@code o}: its handle and metadata, no flags. */
    private void writeEvent(final ElementEvent ev, final int o, final long handle) {
        ev.handle = handle;
        ev.sequence = out.sequence(o);
        ev.timestampNs = out.timestampNs(o);
        ev.intendedNs = out.intendedNs(o);
        ev.flags = 0;
    }

    /**
     * Writes outputs {@code [outIndex, end)} into the slots claimed from {@code first}, handing off the new buffers
     * and journaling each output's forward (or hand-off) and publish in that order.
     */
    private void handOffAndWrite(final Stream s, final long first, final int end) {
        final int si = s.index();
        long seq = first;
        for (int o = outIndex; o < end; o++, seq++) {
            final long handle = out.handle(o);
            if (out.isOwned(o)) {
                client.elementSeq = out.sequence(o);
                pool.handOff(client, handle);
            } else if (recording) {
                client.elementSeq = out.sequence(o);
                pool.recordOp(client, BufferOps.FORWARD, handle, Emitter.DEFAULT_PORT);
            }
            writeEvent(s.get(seq), o, handle);
            if (recording) {
                pool.recordOp(client, BufferOps.PUBLISH, handle, si | (seq - s.consumedSequence()) << 32);
            }
        }
    }

    private int countTargets(final int mask) {
        if (outputsByPort.length == 1) {
            return (mask & 1) != 0 ? outputsByPort[0].length : 0;
        }
        int targets = 0;
        for (int p = 0; p < outputsByPort.length; p++) {
            if ((mask & (1 << p)) != 0) {
                targets += outputsByPort[p].length;
            }
        }
        return targets;
    }

    private boolean publishToTargets(final int o, final long handle, final int mask, final long now) {
        int t = 0;
        for (int p = 0; p < outputsByPort.length; p++) {
            if ((mask & (1 << p)) == 0) {
                continue;
            }
            final Stream[] port = outputsByPort[p];
            for (final Stream s : port) {
                if (t++ < targetCursor) {
                    continue;
                }
                if (!offer(s, o, handle, now)) {
                    return false;
                }
                targetCursor++;
            }
        }
        return true;
    }

    private boolean offer(final Stream s, final int o, final long handle, final long now) {
        final StreamStats st = s.stats();
        if (!st.inBackpressure() && s.hasRoomFor(1)) {
            claimAndWrite(s, o, handle);
            return true;
        }
        return offerUnderPressure(s, st, o, handle, now);
    }

    private boolean offerUnderPressure(final Stream s, final StreamStats st, final int o, final long handle,
                                       final long now) {
        final BackpressurePolicy policy = s.policy();
        if (st.inBackpressure()) {
            if (!s.atOrBelowLowWatermark()) {
                if (policy == BackpressurePolicy.BLOCK) {
                    return false;
                }
            } else {
                st.backpressureOff(now);
                pool.recordOp(client, BufferOps.BACKPRESSURE_OFF, 0, s.index());
            }
        }
        if (s.hasRoomFor(1)) {
            claimAndWrite(s, o, handle);
            return true;
        }
        if (!st.inBackpressure()) {
            st.backpressureOn(now);
            pool.recordOp(client, BufferOps.BACKPRESSURE_ON, 0, s.index());
        }
        switch (policy) {
            case BLOCK:
                return false;
            case DROP_NEWEST:
                pool.recordOp(client, BufferOps.DROP, handle, s.index());
                pool.release(client, handle);
                st.onDropped();
                return true;
            case DROP_OLDEST:
                publishClaimedOn(s);
                final long oldest = s.dropOldest();
                if (oldest != 0) {
                    pool.recordOp(client, BufferOps.DROP, oldest, s.index());
                    pool.release(client, oldest);
                    st.onDropped();
                }
                if (s.hasRoomFor(1)) {
                    claimAndWrite(s, o, handle);
                    return true;
                }
                return false;
            case ERROR:
            default:
                throw new TorvynException(ErrorCode.E0411,
                    "stream `" + s.label() + "` is full (queue_depth " + s.capacity() + ") and its policy is `error`",
                    "flow stream " + s.label(),
                    "raise queue_depth on this edge, speed up the consumer, or choose block / drop-newest / drop-oldest");
        }
    }

    private void claimAndWrite(final Stream s, final int o, final long handle) {
        final int si = s.index();
        final long seq = s.nextSequence();
        final ElementEvent ev = s.claim();
        if (firstClaimed[si] < 0) {
            firstClaimed[si] = seq;
        }
        writeEvent(ev, o, handle);
        if (recording) {
            pool.recordOp(client, BufferOps.PUBLISH, handle, si | s.depth() << 32);
        }
    }

    private void publishClaimed() {
        for (final Stream[] port : outputsByPort) {
            for (final Stream s : port) {
                publishClaimedOn(s);
            }
        }
    }

    private void publishClaimedOn(final Stream s) {
        final int si = s.index();
        final long first = firstClaimed[si];
        if (first >= 0) {
            firstClaimed[si] = -1;
            s.publishUpTo(first);
        }
    }

    // ------------------------------------------------------------------------------------------------ end of stream

    /** Sends end-of-stream on every output (retrying while a stream is full) and marks the stage done. */
    protected final void finish() {
        if (!endOfStreamSent) {
            for (final Stream[] port : outputsByPort) {
                for (final Stream s : port) {
                    if (!s.hasRoomFor(1)) {
                        return;
                    }
                }
            }
            for (final Stream[] port : outputsByPort) {
                for (final Stream s : port) {
                    final long seq = s.nextSequence();
                    final ElementEvent ev = s.claim();
                    ev.handle = 0;
                    ev.sequence = -1;
                    ev.flags = ElementEvent.END_OF_STREAM;
                    s.publishUpTo(seq);
                }
            }
            endOfStreamSent = true;
        }
        done = true;
    }
}
