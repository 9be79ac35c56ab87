package io.torvyn.engine.wasm.component;

import org.junit.jupiter.api.Test;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static io.torvyn.engine.wasm.component.ComponentFlows.node;
import static io.torvyn.engine.wasm.component.ComponentFlows.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same elements through the same metered module cost the same fuel on both engines, run after run. */
class FuelDeterminismTest {

    private static long fuel(final String engine, final String module, final int count) throws Exception {
        return fuel(engine, module, count, 8);
    }

    private static long fuel(final String engine, final String module, final int count, final int batchSize)
        throws Exception {
        final String toml = runtime(engine, "fuel_per_invocation = 1_000_000", "[runtime.scheduling]",
            "batch_size = " + batchSize)
            + generator("gen", count, 40, "text") + node("m", "file:" + module, null) + collect("out", count)
            + edges("gen", "m", "m", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertNull(f.summary().outcome());
            assertEquals(count, f.received("out"));
            return f.node("m").fuel();
        }
    }

    @Test
    void perElementCallsCostTheSameFuelOnBothEngines() throws Exception {
        final long one = fuel("chicory", "upper.wasm", 1);
        assertTrue(one > 40, "the upper-casing loop runs once per byte: " + one);
        assertEquals(one, fuel("wasmtime", "upper.wasm", 1));
        final long many = fuel("chicory", "upper.wasm", 100);
        assertEquals(many, fuel("wasmtime", "upper.wasm", 100));
        assertEquals(many, fuel("chicory", "upper.wasm", 100), "and again");
    }

    /** One element per batch call: how many elements a call carries depends on timing, and each call has a cost. */
    @Test
    void batchCallsCostTheSameFuelOnBothEngines() throws Exception {
        final long chicory = fuel("chicory", "upper_batch.wasm", 100, 1);
        assertTrue(chicory > 100 * 40, "" + chicory);
        assertEquals(chicory, fuel("wasmtime", "upper_batch.wasm", 100, 1));
    }
}
