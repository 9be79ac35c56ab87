package io.torvyn.perf.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread factory every scenario should use. Its threads are named after the scenario, are daemons (a hung round
 * cannot keep the JVM alive) and report their allocated bytes as they end, so {@link HeapAllocationMeter} still counts
 * a thread that started and ended inside a round. It also remembers its threads so a scenario can join them.
 */
public final class MeasuredThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    public MeasuredThreadFactory(final String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(final Runnable body) {
        final Thread thread = new Thread(() -> runAndReport(body), prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        synchronized (threads) {
            threads.add(thread);
        }
        return thread;
    }

    /**
     * Waits for every thread made so far to end.
     *
     * @return true if all ended within {@code timeoutMillis}
     */
    public boolean joinAll(final long timeoutMillis) throws InterruptedException {
        final List<Thread> snapshot;
        synchronized (threads) {
            snapshot = new ArrayList<>(threads);
        }
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (final Thread thread : snapshot) {
            final long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (remainingMillis <= 0) {
                return !anyAlive(snapshot);
            }
            thread.join(remainingMillis);
        }
        return !anyAlive(snapshot);
    }

    private static boolean anyAlive(final List<Thread> threads) {
        for (final Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static void runAndReport(final Runnable body) {
        try {
            body.run();
        } finally {
            ExitedThreads.record(Thread.currentThread().getId(), ThreadAllocations.currentThreadAllocatedBytes());
        }
    }
}
