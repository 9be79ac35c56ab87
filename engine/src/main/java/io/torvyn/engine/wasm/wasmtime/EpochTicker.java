package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives Wasmtime's epoch interruption for {@code invocation_timeout}: one thread per engine increments the epoch
 * every tick, and a store whose deadline (in ticks from when it was set) is reached traps with {@code interrupt}.
 * Started with the first instance that has a timeout; stores without one get a deadline that is never reached.
 * <p>
 * Setting a store's deadline is a JNI call of several microseconds, so the ticker also counts its ticks in a volatile
 * field that callers read for the price of a load: an instance re-arms its deadline only when {@link #epochs()} has
 * moved on by {@link #slackTicks(long)} since it last armed (see {@code WasmtimeInstance}). The Java count is written
 * after the engine's epoch is incremented, so at any moment the engine's epoch is the count or the count + 1.
 */
final class EpochTicker implements AutoCloseable {

    /** An epoch deadline (in ticks) no run reaches. */
    static final long NEVER = 1L << 62;

    private final Engine engine;
    private final ThreadFactory threadFactory;
    private final long tickNanos;
    private volatile boolean closed;
    private volatile long epochs;
    private Thread thread;

    EpochTicker(final Engine engine, final ThreadFactory threadFactory, final long tickNanos) {
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tickNanos <= 0: " + tickNanos);
        }
        this.engine = engine;
        this.threadFactory = threadFactory;
        this.tickNanos = tickNanos;
    }

    /** Deadline in ticks for a call that may last {@code timeoutNanos}; starts the ticker. At most a tick late. */
    long deadlineTicks(final long timeoutNanos) {
        ensureRunning();
        return (timeoutNanos + tickNanos - 1) / tickNanos + 1;
    }

    /**
     * How many ticks an armed deadline may age before it is set again, for a deadline of {@code deadlineTicks}:
     * an eighth of it, at least one tick.
     */
    static long slackTicks(final long deadlineTicks) {
        return Math.max(1, deadlineTicks / 8);
    }

    /** Ticks so far; never ahead of the engine's epoch, at most one behind it. */
    long epochs() {
        return epochs;
    }

    /** One tick: the engine's epoch, then the Java count. Called by the ticker thread only (and by tests). */
    void tick() {
        engine.incrementEpoch();
        epochs++;
    }

    private synchronized void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (thread == null) {
            thread = threadFactory.newThread(this::run);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            if (!closed) {
                tick();
            }
        }
    }

    @Override
    public void close() {
        final Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(TimeUnit.SECONDS.toMillis(1));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
