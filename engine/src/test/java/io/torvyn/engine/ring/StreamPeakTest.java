package io.torvyn.engine.ring;

import io.torvyn.engine.config.BackpressurePolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The queue peak restarts at the current depth (bench excludes its warm-up), and any thread can read the depth. */
class StreamPeakTest {

    private static void publish(final Stream s, final int n) {
        final long first = s.nextSequence();
        for (int i = 0; i < n; i++) {
            s.claim().handle = i + 1;
        }
        s.publishUpTo(first);
    }

    @Test
    void thePeakRestartsAtTheObservedDepth() {
        final Stream s = new Stream(0, "a->b", 8, BackpressurePolicy.BLOCK, 0.5);
        publish(s, 6);
        assertEquals(6, s.stats().peakDepth());
        s.consumedUpTo(3);
        assertEquals(2, s.depthObserved(), "published 0..5, consumed 0..3");
        s.stats().restartPeak(s.depthObserved());
        assertEquals(2, s.stats().peakDepth());
        publish(s, 1);
        assertEquals(3, s.stats().peakDepth());
    }
}
