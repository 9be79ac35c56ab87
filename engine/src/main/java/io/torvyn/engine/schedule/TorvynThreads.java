package io.torvyn.engine.schedule;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one factory for every engine thread (workers, dedicated stages, helpers), so naming, daemon status and core
 * placement are decided in one place. Stage threads of a pinned {@link LayoutPlan} pin themselves to their CPU before
 * they run anything ({@link #placed}); every other thread is a helper ({@link #named}, {@link #newThread}) that
 * {@link CorePlacement} keeps on the housekeeping CPUs while a pinned run is active.
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

    /** A helper thread (the Wasm engines' watchdogs and epoch tickers come from here). */
    @Override
    public Thread newThread(final Runnable r) {
        return named(r, "t" + count.getAndIncrement());
    }

    /**
     * A daemon helper thread called "torvyn-RUN-name", kept off CPUs reserved by pinned runs: the CLI decides when the
     * JVM exits, never a stray engine thread.
     */
    public Thread named(final Runnable r, final String name) {
        return create(() -> CorePlacement.runAsHelper(r), name);
    }

    /**
     * The engine thread of {@code placement}: pinned to its CPU before {@code r} runs (reporting to {@code pins}),
     * or a helper-placed thread when the placement is unpinned.
     */
    public Thread placed(final Runnable r, final ThreadPlacement placement, final ThreadPins pins) {
        if (!placement.pinned()) {
            return named(r, placement.name());
        }
        final int cpu = placement.cpu();
        final String name = placement.name();
        return create(() -> {
            try {
                CorePlacement.pinCurrentThread(cpu);
                pins.pinned();
            } catch (final RuntimeException e) {
                pins.failed("thread " + name + " could not be pinned to CPU " + cpu + " (" + e.getMessage()
                    + "); it runs unpinned");
            }
            r.run();
        }, name);
    }

    private Thread create(final Runnable body, final String name) {
        final Thread t = base == null ? new Thread(body) : base.newThread(body);
        t.setName("torvyn-" + prefix + "-" + name);
        t.setDaemon(true);
        return t;
    }
}
