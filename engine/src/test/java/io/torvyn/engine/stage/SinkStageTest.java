package io.torvyn.engine.stage;

import io.torvyn.engine.builtin.NullSink;
import io.torvyn.engine.config.ErrorPolicy;
import io.torvyn.engine.topology.Role;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkStageTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void recordsEachElementsLatencyOnceWhateverItsRunOfEmitTimes() {
        try (StageRig rig = new StageRig()) {
            final SinkStage sink = new SinkStage(rig.spec(Role.SINK), new NullSink("{}", "node stage"),
                ErrorPolicy.FAIL_FAST);
            final long base = System.nanoTime();
            // intended = base - ago s; emitted = intended, or half a second later where late (a rate-limited source)
            final int[] ago = {3, 3, 3, 1, 1, 1, 3, 0, 0, 2};
            final boolean[] late = {false, false, false, false, true, true, false, false, false, false};
            for (int i = 0; i < ago.length; i++) {
                final long intended = base - ago[i] * SECOND;
                rig.publish(i, late[i] ? intended + SECOND / 2 : intended, intended);
            }
            sink.open();
            assertEquals(ago.length, sink.doWork());

            final Histogram latency = rig.stats.latencySnapshot();
            assertEquals(ago.length, latency.getTotalCount());
            assertEquals(2, latency.getCountBetweenValues(0, SECOND / 2));
            assertEquals(3, latency.getCountBetweenValues(SECOND, SECOND + SECOND / 2));
            assertEquals(1, latency.getCountBetweenValues(2 * SECOND, 2 * SECOND + SECOND / 2));
            assertEquals(4, latency.getCountBetweenValues(3 * SECOND, 3 * SECOND + SECOND / 2));
            final Histogram uncorrected = new Histogram(3);
            rig.stats.uncorrectedLatency().drainStopped(uncorrected);
            assertEquals(2, uncorrected.getTotalCount(), "only the late elements, though element 3 shares their "
                + "intended time");
            assertEquals(2, uncorrected.getCountBetweenValues(SECOND / 2, SECOND));
            assertTrue(rig.pool.allReturned());
        }
    }
}
