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
    private final ThreadFactory base;
    private final AtomicInteger count = new AtomicInteger();

    public TorvynThreads(final String prefix) {
        this(prefix, null);
    }

    /** Threads come from {@code base} when given (a benchmark harness that measures its threads), then are named. */
    public TorvynThreads(final String prefix, final ThreadFactory base) {
        this.prefix = prefix + "-" + RUN_IDS.incrementAndGet();
        this.base = base;
    }

    @Override
    public Thread newThread(final Runnable r) {
        return named(r, "t" + count.getAndIncrement());
    }

    /** A daemon thread called "torvyn-RUN-name": the CLI decides when the JVM exits, never a stray engine thread. */
    public Thread named(final Runnable r, final String name) {
        final Thread t = base == null ? new Thread(r) : base.newThread(r);
        t.setName("torvyn-" + prefix + "-" + name);
        t.setDaemon(true);
        return t;
    }
}
