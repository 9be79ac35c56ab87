package io.torvyn.engine.wasm.component;

import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.stage.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What bench reads from a Wasm node's stats: its linear memory peak and its metered calls. */
class ComponentStatsTest {

    private static NodeStats stats(final ComponentFlows.Finished f, final String node) {
        return f.run().stages().stream().filter(s -> s.name().equals(node)).map(Stage::stats).findFirst()
            .orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aPerElementModuleIsMeteredOncePerElementAndReportsItsMemory(final String engine) throws Exception {
        final String toml = ComponentFlows.runtime(engine) + ComponentFlows.generator("gen", 100, 16, "sequence")
            + ComponentFlows.node("p", "file:passthrough.wasm", null)
            + ComponentFlows.collect("out", 1) + ComponentFlows.edges("gen", "p", "p", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            final NodeStats p = stats(f, "p");
            assertEquals(100, p.meteredCalls(), "one call per element, no init or teardown export");
            assertTrue(p.fuelConsumed() > 0);
            assertEquals(65_536, p.memoryPeak(), "one page");
            assertEquals(0, stats(f, "gen").memoryPeak(), "built-ins have no linear memory");
            assertEquals(0, stats(f, "gen").meteredCalls());
        }
    }

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.component.ComponentFlows#engines")
    void aDiscardedInstanceReportsTheMemoryItGrewTo(final String engine) throws Exception {
        final String toml = ComponentFlows.runtime(engine, "error_policy = \"skip-element\"")
            + ComponentFlows.generator("gen", 10, 16, "sequence")
            + ComponentFlows.node("m", "file:membomb.wasm", null, "max_memory = \"256KiB\"")
            + ComponentFlows.collect("out", 1) + ComponentFlows.edges("gen", "m", "m", "out");
        try (ComponentFlows.Finished f = ComponentFlows.run(toml)) {
            assertEquals(2, f.node("m").errors(), "sequences 4 and 9 trap");
            assertEquals(256 * 1024, stats(f, "m").memoryPeak(), "grown to the cap before the trap");
        }
    }
}
