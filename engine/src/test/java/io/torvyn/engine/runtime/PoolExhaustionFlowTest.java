package io.torvyn.engine.runtime;

import io.torvyn.engine.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pool smaller than the data in flight: fallback allocation keeps the flow going, `error` fails it with E0301. */
class PoolExhaustionFlowTest {
    private static String flow(final String policy) {
        return "[runtime.pools]\nsmall = { buffer_size = \"256B\", count = 4 }\nexhaustion_policy = \"" + policy
            + "\"\n"
            + node("gen", "builtin:generator", "{\"count\":5000,\"size\":100}")
            + node("slow", "builtin:null", "{\"delay\":\"20us\"}")
            + "[[flow.main.edges]]\nfrom = \"gen\"\nto = \"slow\"\nqueue_depth = 64\n";
    }

    @Test
    void fallbackAllocationWhenTheTierIsEmpty() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("fallback-alloc"), null, -1)) {
            assertNull(f.summary().outcome());
            assertEquals(5000, f.summary().elements());
            final RunSummary.TierSummary small = f.summary().tiers().get(0);
            assertTrue(small.fallback() > 0, "fallback allocations counted");
            assertTrue(small.exhaustionEvents() > 0, "exhaustion counted");
            assertTrue(small.reuseRate() < 1.0);
            assertTrue(f.summary().poolsFull(), "fallback buffers are freed, pooled ones returned");
        }
    }

    @Test
    void errorPolicyFailsWithPoolExhausted() throws Exception {
        try (FlowHarness.Finished f = FlowHarness.run(flow("error"), null, -1)) {
            assertEquals(ErrorCode.E0301, f.summary().outcome().code());
            assertTrue(f.summary().poolsFull());
        }
    }
}
