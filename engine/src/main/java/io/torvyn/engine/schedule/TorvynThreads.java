package io.torvyn.engine.schedule;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one factory for every engine thread (workers, dedicated stages, helpers), so naming, daemon status and, later,
 * core placement are decided in one place.
 */
public final class TorvynThreads implements ThreadFactory {
    private static final AtomicInteger RUN_IDS = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    public TorvynThreads(final String prefix) {
        this.prefix = prefix + "-" + RUN_IDS.incrementAndGet();
    }

    @Override
    public Thread newThread(final Runnable r) {
        return named(r, "t" + count.getAndIncrement());
    }

    /** A daemon thread called "torvyn-RUN-name": the CLI decides when the JVM exits, never a stray engine thread. */
    public Thread named(final Runnable r, final String name) {
        final Thread t = new Thread(r, "torvyn-" + prefix + "-" + name);
        t.setDaemon(true);
        return t;
    }
}
