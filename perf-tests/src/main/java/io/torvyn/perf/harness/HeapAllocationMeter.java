package io.torvyn.perf.harness;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures the Java-heap bytes a round allocates across every thread that ran it, including threads that started or
 * ended inside the round. HotSpot only exposes counters of live threads, so the meter combines three sources:
 *
 * <pre>
 *   before: live threads' counters ──┐
 *                                    ├─ Σ (end − before) per thread, 0 as "before" for threads born in the round
 *   after:  live threads' counters ──┤
 *   threads that ended in between ───┘  (final counters reported by MeasuredThreadFactory threads as they exit)
 * </pre>
 *
 * <p>Threads that ended inside the round without reporting (made by some other factory) are counted, from the JVM's
 * started-thread counter and the threads that vanished, and make the result a lower bound. JVM service threads that
 * are alive throughout (reference handler, finalizer, cleaner) are included; they allocate next to nothing. One
 * measurement at a time: {@link #snapshot()} forgets exit reports older than itself.
 */
public final class HeapAllocationMeter {

    /** Counters of every live thread at one instant; kept as raw arrays so taking it allocates almost nothing. */
    public static final class Snapshot {
        private final long nanoTime;
        private final long[] threadIds;
        private final long[] allocatedBytes;
        private final long startedThreads;

        private Snapshot(final long nanoTime, final long[] threadIds, final long[] allocatedBytes,
                         final long startedThreads) {
            this.nanoTime = nanoTime;
            this.threadIds = threadIds;
            this.allocatedBytes = allocatedBytes;
            this.startedThreads = startedThreads;
        }
    }

    public Snapshot snapshot() {
        final long nanoTime = System.nanoTime();
        ExitedThreads.since(nanoTime);
        final com.sun.management.ThreadMXBean threads = ThreadAllocations.bean();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        return new Snapshot(nanoTime, ids, bytes, threads.getTotalStartedThreadCount());
    }

    /** Bytes allocated by all threads between {@code before} and now. */
    public HeapAllocation allocatedSince(final Snapshot before) {
        final com.sun.management.ThreadMXBean threads = ThreadAllocations.bean();
        final long startedNow = threads.getTotalStartedThreadCount();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final Map<Long, Long> exited = ExitedThreads.since(before.nanoTime);

        final Map<Long, Long> baseline = asMap(before.threadIds, before.allocatedBytes);
        final Set<Long> accounted = new HashSet<>();
        long total = 0;
        long bornInRound = 0;
        for (int i = 0; i < ids.length; i++) {
            final Long id = ids[i];
            final long end = bytes[i] >= 0 ? bytes[i] : exited.getOrDefault(id, -1L);
            if (end >= 0) {
                total += end - baseline.getOrDefault(id, 0L);
                accounted.add(id);
                bornInRound += baseline.containsKey(id) ? 0 : 1;
            }
        }
        for (final Map.Entry<Long, Long> exit : exited.entrySet()) {
            if (accounted.add(exit.getKey())) {
                total += exit.getValue() - baseline.getOrDefault(exit.getKey(), 0L);
                bornInRound += baseline.containsKey(exit.getKey()) ? 0 : 1;
            }
        }
        long vanished = 0;
        for (final Long id : baseline.keySet()) {
            vanished += accounted.contains(id) ? 0 : 1;
        }
        final long unseenShortLived = Math.max(0, startedNow - before.startedThreads - bornInRound);
        return new HeapAllocation(total, vanished + unseenShortLived);
    }

    private static Map<Long, Long> asMap(final long[] ids, final long[] bytes) {
        final Map<Long, Long> map = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                map.put(ids[i], bytes[i]);
            }
        }
        return map;
    }
}
