package io.torvyn.perf.harness;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The last allocated-bytes reading of every thread made by a {@link MeasuredThreadFactory}, taken just before the
 * thread ends. A dead thread's counter can no longer be read, so without this a round would lose everything allocated
 * by threads that ended inside it.
 */
final class ExitedThreads {

    private static final ConcurrentLinkedQueue<Exit> EXITS = new ConcurrentLinkedQueue<>();

    private ExitedThreads() {
    }

    static void record(final long threadId, final long allocatedBytes) {
        EXITS.add(new Exit(threadId, allocatedBytes, System.nanoTime()));
    }

    /** Final readings of threads that ended at or after {@code nanoTime}; forgets the older ones. */
    static Map<Long, Long> since(final long nanoTime) {
        final Map<Long, Long> finalBytes = new HashMap<>();
        for (final Iterator<Exit> it = EXITS.iterator(); it.hasNext(); ) {
            final Exit exit = it.next();
            if (exit.nanoTime - nanoTime < 0) {
                it.remove();
            } else {
                finalBytes.put(exit.threadId, exit.allocatedBytes);
            }
        }
        return finalBytes;
    }

    private record Exit(long threadId, long allocatedBytes, long nanoTime) {
    }
}
