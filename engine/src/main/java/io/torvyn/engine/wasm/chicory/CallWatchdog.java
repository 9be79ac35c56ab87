package io.torvyn.engine.wasm.chicory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces {@code invocation_timeout} on Chicory, which has no epoch interruption: one thread per engine advances a
 * coarse clock every tick and interrupts any call that has run for its timeout; Chicory's compiled code notices the
 * interrupt on calls and backward branches and throws {@code ChicoryInterruptedException}. Instances only read the
 * clock, so a guarded call costs no system call and no allocation. The thread starts with the first instance that has
 * a timeout.
 */
final class CallWatchdog implements AutoCloseable {

    private final ThreadFactory threadFactory;
    private final long tickNanos;
    private final CopyOnWriteArrayList<CallClock> clocks = new CopyOnWriteArrayList<>();
    private final long origin = System.nanoTime();
    private volatile long tick;
    private volatile boolean closed;
    private Thread thread;

    CallWatchdog(final ThreadFactory threadFactory, final long tickNanos) {
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tickNanos <= 0: " + tickNanos);
        }
        this.threadFactory = threadFactory;
        this.tickNanos = tickNanos;
    }

    long tick() {
        return tick;
    }

    /** A clock for an instance whose calls may last {@code timeoutNanos}; the guard fires at most one tick late. */
    CallClock register(final long timeoutNanos) {
        ensureRunning();
        final long ticks = (timeoutNanos + tickNanos - 1) / tickNanos + 1;
        final CallClock clock = new CallClock(this, ticks, timeoutNanos);
        clocks.add(clock);
        return clock;
    }

    void unregister(final CallClock clock) {
        clocks.remove(clock);
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
            final long now = (System.nanoTime() - origin) / tickNanos;
            tick = now;
            for (final CallClock clock : clocks) {
                clock.check(now);
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
        clocks.clear();
    }
}
