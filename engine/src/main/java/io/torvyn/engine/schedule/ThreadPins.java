package io.torvyn.engine.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the pinning of one run's threads went. Each pinned thread reports once, before it runs a stage; the run waits
 * for every report so that no element is processed on a thread still waiting for its core, and turns each failure
 * (a CPU the cpuset forbids, no JNA) into a warning instead of failing the run.
 */
public final class ThreadPins {
    private final CountDownLatch reported;
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();

    public ThreadPins(final int pinnedThreads) {
        this.reported = new CountDownLatch(pinnedThreads);
    }

    void pinned() {
        reported.countDown();
    }

    void failed(final String failure) {
        failures.add(failure);
        reported.countDown();
    }

    /** Waits up to {@code timeoutMs} for every pinned thread to report, and returns the failures. */
    public List<String> await(final long timeoutMs) throws InterruptedException {
        final List<String> out = new ArrayList<>();
        if (!reported.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            out.add(reported.getCount() + " pinned thread(s) had not started within " + timeoutMs + " ms");
        }
        out.addAll(failures);
        return out;
    }
}
