package io.torvyn.perf.baseline;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineWorkTest {

    @Test
    void expectedSumEqualsTheStepsAppliedToEveryValue() {
        long sum = 0;
        for (long events = 0; events <= 5_000; events++) {
            assertEquals(sum, PipelineWork.expectedSum(events), "after " + events + " elements");
            sum += PipelineWork.stepTwo(PipelineWork.stepOne(events));
        }
    }

    @Test
    void expectedSumWrapsLikeTheStagesLongAdditions() {
        for (final long events : new long[] {1L << 32, (1L << 33) + 1, Long.MAX_VALUE / 3, (1L << 62) + 7}) {
            final long step = PipelineWork.stepTwo(PipelineWork.stepOne(events));
            assertEquals(PipelineWork.expectedSum(events) + step, PipelineWork.expectedSum(events + 1),
                "next sum after " + events);
        }
    }

    @Test
    void verifyAcceptsOnlyTheExactCountAndSum() {
        final long events = 1_000;
        final long sum = PipelineWork.expectedSum(events);
        assertDoesNotThrow(() -> PipelineWork.verify("s", events, events, sum));

        final TorvynException lost = assertThrows(TorvynException.class,
            () -> PipelineWork.verify("s", events, events - 1, sum));
        assertEquals(ErrorCode.E0900, lost.code());
        assertTrue(lost.problem().message().contains("processed 999 elements, expected 1000"), lost.getMessage());

        final TorvynException wrongSum = assertThrows(TorvynException.class,
            () -> PipelineWork.verify("s", events, events, sum + 1));
        assertTrue(wrongSum.problem().message().contains("final sum"), wrongSum.getMessage());
        assertEquals("perf scenario s", wrongSum.problem().where());
    }
}
