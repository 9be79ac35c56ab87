package io.torvyn.perf.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(60)
class PipelineBaselinesTest {

    private static final int BUFFER = 64;

    @Test
    void disruptorPipelineProcessesEveryElementOfEveryRound() {
        try (DisruptorPipelineBaseline pipeline = new DisruptorPipelineBaseline(BUFFER)) {
            for (final long events : new long[] {1, BUFFER - 1, 10_000, BUFFER}) {
                assertEquals(events, pipeline.run(events), "elements processed in a round of " + events);
                assertEquals(PipelineWork.expectedSum(events), pipeline.lastSum(), "sum of a round of " + events);
            }
        }
    }

    @Test
    void blockingQueuePipelineProcessesEveryElementOfEveryRound() {
        try (BlockingQueuePipelineBaseline pipeline = new BlockingQueuePipelineBaseline(BUFFER)) {
            for (final long events : new long[] {1, BUFFER - 1, 10_000, BUFFER}) {
                assertEquals(events, pipeline.run(events), "elements processed in a round of " + events);
                assertEquals(PipelineWork.expectedSum(events), pipeline.lastSum(), "sum of a round of " + events);
            }
        }
    }

    @Test
    void emptyRoundDoesNotBreakTheNextOne() {
        try (DisruptorPipelineBaseline disruptor = new DisruptorPipelineBaseline(BUFFER);
             BlockingQueuePipelineBaseline queue = new BlockingQueuePipelineBaseline(BUFFER)) {
            assertEquals(0, disruptor.run(0));
            assertEquals(0, queue.run(0));
            assertEquals(500, disruptor.run(500));
            assertEquals(500, queue.run(500));
        }
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new DisruptorPipelineBaseline(1000));
    }
}
