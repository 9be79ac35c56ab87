package io.torvyn.perf.harness;

import java.lang.management.ManagementFactory;

/**
 * Access to HotSpot's per-thread allocated-bytes counters ({@code com.sun.management.ThreadMXBean}), which count every
 * byte a thread allocated on the Java heap since it started. Exists to fail loudly, once, on a JVM that cannot count.
 */
public final class ThreadAllocations {

    private static final com.sun.management.ThreadMXBean THREADS = resolve();

    private ThreadAllocations() {
    }

    static com.sun.management.ThreadMXBean bean() {
        return THREADS;
    }

    /** Bytes the calling thread has allocated so far. */
    public static long currentThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean resolve() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
            throw new UnsupportedOperationException("this JVM has no com.sun.management.ThreadMXBean");
        }
        final com.sun.management.ThreadMXBean bean =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!bean.isThreadAllocatedMemorySupported()) {
            throw new UnsupportedOperationException("this JVM cannot count allocated bytes per thread");
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        return bean;
    }
}
