package io.torvyn.engine.schedule;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a flow's worker threads are busy right now, so that an idle worker can tell "my neighbour is about to
 * hand me work, or free the room I am waiting for" from "the whole flow is quiet".
 * <p>
 * Why: with a shallow stream between two workers (the default queue depth is 64), each side runs dry every few
 * microseconds. A worker that then parks sleeps for tens of microseconds (the shortest park Linux offers); its
 * neighbour fills or drains the stream in far less, runs dry itself and parks too, and the two end up taking turns to
 * sleep: a generator → null flow on two workers measured 15× slower than on one. As long as another worker of the
 * flow is busy, an idle worker therefore keeps spinning and yielding instead of parking; it parks only once the whole
 * flow is idle. This is used only when every worker can have a core of its own: with more threads than cores, a
 * thread that never parks would take the core from the thread that has the work.
 * <p>
 * Workers report transitions only (busy → idle and back), never per round: an atomic update per wake-up.
 */
public final class PeerActivity {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    private final AtomicInteger busy = new AtomicInteger();
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;

    /** A worker starts busy (it has not looked for work yet). */
    public void workerStarted() {
        busy.incrementAndGet();
    }

    /** The worker found no work in a whole round. */
    public void workerIdle() {
        busy.decrementAndGet();
    }

    /** The worker moved elements again after being idle. */
    public void workerBusy() {
        busy.incrementAndGet();
    }

    /** The worker has ended (its count was busy: it ends from a round, not while idle). */
    public void workerEnded() {
        busy.decrementAndGet();
    }

    /** True when some worker is busy; asked by an idle worker, which does not count itself. */
    public boolean anyBusy() {
        return busy.get() > 0;
    }

    /** Workers currently busy (for tests and diagnostics). */
    public int busyWorkers() {
        return busy.get();
    }
}
