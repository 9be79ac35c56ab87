package io.torvyn.engine.wasm.chicory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The deadline state of one instance, shared between its calling thread and the {@link CallWatchdog}. A call costs a
 * release-store at the start and one uncontended CAS at the end, and allocates nothing. The CAS is what makes the
 * interrupt safe: the watchdog only interrupts after winning the running → firing transition, and a caller that
 * loses the race waits for the interrupt to land and clears it, so no interrupt ever escapes the call it was meant
 * for.
 */
final class CallClock {

    private static final long IDLE = -1;
    private static final long FIRING = -2;
    private static final long FIRED = -3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallClock.class, "state", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CallWatchdog watchdog;
    private final long timeoutTicks;
    private final long timeoutNanos;
    @SuppressWarnings("unused")
    private volatile long state = IDLE;
    private Thread caller;

    CallClock(final CallWatchdog watchdog, final long timeoutTicks, final long timeoutNanos) {
        this.watchdog = watchdog;
        this.timeoutTicks = timeoutTicks;
        this.timeoutNanos = timeoutNanos;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Marks the start of a guest call on the current thread. */
    void begin() {
        caller = Thread.currentThread();
        STATE.setRelease(this, watchdog.tick());
    }

    /**
     * Marks the end of the call. Returns true when the watchdog interrupted it; the interrupt flag is then cleared.
     */
    boolean end() {
        for (;;) {
            final long s = (long) STATE.getVolatile(this);
            if (s >= 0) {
                if (STATE.compareAndSet(this, s, IDLE)) {
                    return false;
                }
            } else if (s == IDLE) {
                return false;
            } else if (s == FIRING) {
                Thread.onSpinWait();
            } else {
                STATE.setVolatile(this, IDLE);
                Thread.interrupted();
                return true;
            }
        }
    }

    /** Watchdog side: interrupts the caller if its call has run for the timeout. */
    void check(final long now) {
        final long s = (long) STATE.getVolatile(this);
        if (s >= 0 && now - s >= timeoutTicks && STATE.compareAndSet(this, s, FIRING)) {
            caller.interrupt();
            STATE.setVolatile(this, FIRED);
        }
    }
}
