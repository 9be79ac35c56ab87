package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.ElementFailure;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.config.ErrorPolicy;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.wasm.HostImport;
import io.torvyn.engine.wasm.ImportInfo;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.ModuleContract;

/**
 * What every Wasm role shares: at {@link #open} the node's {@link HostBinding}, optional {@link BatchArea} and
 * {@link GuestInstance} are built and the instance is started (a failing {@code torvyn_init} fails the flow start with
 * E0410); at {@link #close} {@code torvyn_teardown} runs and the instance is freed. The per-element call protocol
 * (borrow the input, call, turn a trap or a handle misuse into an {@link ElementFailure}) lives here too, so each role
 * class only interprets results.
 */
abstract class WasmComponent implements Component {
    protected final WasmComponentSpec spec;
    protected final String where;

    protected ComponentContext ctx;
    protected BufferPool pool;
    protected BufferClient client;
    protected HostBinding host;
    protected GuestInstance guest;
    protected BatchArea area;
    protected ComponentLog log;
    /** Whether the run stops at the first error anyway (then results after a failed element are not kept). */
    protected boolean failFast;
    /** The i32 handle of the input of the current per-element call. */
    protected int inputHandle;
    private volatile TorvynException lastFailure;
    private boolean batchTwinAllowed = true;

    WasmComponent(final WasmComponentSpec spec) {
        this.spec = spec;
        this.where = spec.where();
    }

    @Override
    public void open(final ComponentContext context) {
        ctx = context;
        pool = context.pool();
        client = context.client();
        failFast = context.config().runtime().errorPolicy().kind() == ErrorPolicy.Kind.FAIL_FAST;
        log = new ComponentLog(spec.node().name(), System.err);
        final long timeoutNs = context.config().runtime().invocationTimeoutNs();
        host = new HostBinding(context, where, spec.source().config(), timeoutNs, importsDeadline(spec.module()),
            spec.portCount(), log);
        area = spec.batch()
            ? new BatchArea(context, host, context.config().runtime().scheduling().batchSize(),
                spec.module().roles().metadataOnly(), where)
            : null;
        final InstanceOptions options = new InstanceOptions(spec.node().wasi(), timeoutNs, spec.node().maxMemory(),
            spec.module().fuelGlobal(), log, where);
        guest = new GuestInstance(spec.module(), options, host, context.stats(), spec.node().fuelPerInvocation(), where,
            spec.roleExport(), area);
        guest.useBatchTwin(batchTwinAllowed);
        guest.ensureLive();
    }

    @Override
    public void close(final ComponentContext context) {
        if (guest != null) {
            guest.close(log);
        }
    }

    /** Instances created so far: 1, plus one per re-instantiation after a failure. */
    public long instantiations() {
        return guest == null ? 0 : guest.instantiations();
    }

    /** The last element failure this component raised (whatever the error policy made of it), or null. */
    public TorvynException lastFailure() {
        return lastFailure;
    }

    /** Remembers {@code f} for {@link #lastFailure()} and returns it, for rethrowing. */
    protected final ElementFailure noted(final ElementFailure f) {
        lastFailure = f.error();
        return f;
    }

    /** Remembers {@code e} (a failure outside any element: a source's) for {@link #lastFailure()}. */
    protected final TorvynException noted(final TorvynException e) {
        lastFailure = e;
        return e;
    }

    /** The module this node runs. */
    public LoadedModule module() {
        return spec.module();
    }

    /**
     * Whether a metered batch call may use the export's argument-free twin (the default); false drives every batch
     * call through the one-argument twin, so tests can compare both paths. Takes effect at {@link #open}.
     */
    void useBatchTwin(final boolean use) {
        batchTwinAllowed = use;
    }

    /** Batch calls made through the argument-free twin (count read from the header) so far. */
    long argumentFreeBatchCalls() {
        return guest == null ? 0 : guest.argumentFreeBatchCalls();
    }

    /** Whether this node is driven through the batch ABI. */
    public boolean isBatch() {
        return spec.batch();
    }

    /** Starts the instance for element {@code i} if the last one was discarded. */
    protected final void ensureLive(final int i) {
        try {
            guest.ensureLive();
        } catch (final TorvynException e) {
            throw new ElementFailure(i, e);
        }
    }

    /**
     * One per-element call of function slot {@code slot} on input {@code i}: the input is borrowed for the call as
     * {@link #inputHandle}. Returns the raw result with the call still open (finish or abort it); a failed call or a
     * handle misuse is thrown as an {@link ElementFailure} with the call aborted.
     */
    protected final int callOn(final ElementBatch in, final int i, final int slot) {
        ensureLive(i);
        final long seq = in.sequence(i);
        final long ts = in.timestampNs(i);
        client.elementSeq = seq;
        host.begin(seq, ts, in.intendedNs(i));
        inputHandle = host.borrow(in.handle(i), seq, ts);
        final int result;
        try {
            result = guest.call(slot, inputHandle);
        } catch (final TorvynException e) {
            host.abort();
            throw new ElementFailure(i, e);
        }
        if (host.violated()) {
            throw violation(i);
        }
        return result;
    }

    /** Aborts the open call and fails element {@code i} with its handle misuse (E0302/E0303). */
    protected final ElementFailure violation(final int i) {
        final TorvynException v = host.violation();
        host.abort();
        return new ElementFailure(i, v);
    }

    /**
     * Aborts the open call after the guest returned process-error kind {@code result} and discards the instance (an
     * E0405/E0410 like any E04xx); returns the failure of element {@code i}.
     */
    protected final ElementFailure processFailure(final int i, final int result) {
        final TorvynException error = processError(result);
        host.abort();
        guest.discard();
        return new ElementFailure(i, error);
    }

    /** The E0405 (or E0410 for fatal) for {@code result}, with the message of this call's {@code fail}. */
    protected final TorvynException processError(final int result) {
        return ComponentErrors.processError(where, spec.roleExport(), result, host.failMessage());
    }

    /**
     * One batch call ({@code torvyn_process_batch}, {@code _push_batch}, …) on elements {@code from ..} (at most
     * {@code max}): stages them, calls, reads the descriptors back and closes the call ({@code out} receives what the
     * guest emitted with {@code emit}; null for a sink). A failure of the call as a whole sends its elements to
     * {@code solo} and returns 0 (unless the flow stops anyway or the call carried one element: then it is that
     * element's failure).
     *
     * @return how many elements the call carried (their results are in {@link #area}), or 0
     */
    protected final int callBatch(final ElementBatch in, final int from, final int max, final SoloRange solo,
                                  final Emitter out) {
        ensureLive(from);
        host.begin(-1, in.timestampNs(from), in.intendedNs(from));
        final int k = area.stageInputs(in, from, max);
        if (k == 0) {
            host.abort();
            throw new ElementFailure(from, ComponentErrors.stagingTooSmall(where, pool.length(in.handle(from)),
                area.stagingLength()));
        }
        area.publish(k);
        final int rc;
        try {
            rc = guest.callBatch(k);
        } catch (final TorvynException e) {
            host.abort();
            return wholeBatchFailed(in, from, k, e, solo);
        }
        if (host.violated()) {
            final TorvynException v = host.violation();
            host.abort();
            return wholeBatchFailed(in, from, k, v, solo);
        }
        if (rc < 0) {
            final TorvynException e = processError(rc);
            host.abort();
            guest.discard();
            return wholeBatchFailed(in, from, k, e, solo);
        }
        area.fetch(k);
        host.finish(out);
        return k;
    }

    private int wholeBatchFailed(final ElementBatch in, final int from, final int k, final TorvynException e,
                                 final SoloRange solo) {
        if (k > 1 && !stopsFlow(e)) {
            solo.set(in, from, from + k);
            return 0;
        }
        throw new ElementFailure(from, e);
    }

    /** Whether {@code error} is an E04xx, after which the instance must not be called again. */
    protected static boolean discards(final TorvynException error) {
        return error.code().name().startsWith("E04");
    }

    /**
     * One call outside any element ({@code torvyn_flush}, {@code torvyn_complete}): its emitted outputs go to
     * {@code out} (released when null).
     *
     * @return the non-negative result the guest returned
     * @throws TorvynException the call's failure (the instance is discarded), E0405/E0410 for an error kind
     */
    final int callOutsideElement(final int slot, final String export, final Emitter out) {
        guest.ensureLive();
        final long now = System.nanoTime();
        host.begin(-1, now, now);
        final int result;
        try {
            result = guest.call(slot);
        } catch (final TorvynException e) {
            host.abort();
            throw e;
        }
        if (host.violated()) {
            final TorvynException v = host.violation();
            host.abort();
            throw v;
        }
        if (result < 0) {
            final TorvynException e = ComponentErrors.processError(where, export, result, host.failMessage());
            host.abort();
            guest.discard();
            throw e;
        }
        host.finish(out);
        return result;
    }

    /** One {@code torvyn_flush} call (an aggregator's); see {@link #callOutsideElement}. */
    final int callFlush(final Emitter out) {
        return callOutsideElement(GuestInstance.FLUSH, ModuleContract.FLUSH, out);
    }

    /** Counts and logs an error the error policy lets the flow survive, outside any element (a failed flush). */
    final void survived(final TorvynException error) {
        ctx.stats().addErrors(1);
        log.line(4, error.code().name() + " " + error.getMessage());
    }

    /** True when {@code error} stops the flow anyway: fail-fast, or a fatal error. */
    protected final boolean stopsFlow(final TorvynException error) {
        return failFast || error.code() == ErrorCode.E0410;
    }

    private static boolean importsDeadline(final LoadedModule module) {
        for (final ImportInfo imported : module.module().imports()) {
            if (HostImport.MODULE.equals(imported.module())
                && HostImport.DEADLINE_NS.importName().equals(imported.name())) {
                return true;
            }
        }
        return false;
    }
}
