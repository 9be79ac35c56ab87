package io.torvyn.engine.runtime;

import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.WaitStrategyKind;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.schedule.CorePlacement;
import io.torvyn.engine.schedule.HostCpus;
import io.torvyn.engine.schedule.ThreadPlacement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A flow with `cpu_affinity`: the run lays its threads out as planned and still delivers everything. */
class PinnedFlowTest {
    private static final int COUNT = 5_000;

    private static String flow(final String runtime) {
        return "[runtime]\n" + runtime + "\n"
            + node("gen", "builtin:generator", "{\"count\":" + COUNT + ",\"size\":32}")
            + node("f1", "builtin:forward", null) + node("f2", "builtin:forward", null)
            + node("f3", "builtin:forward", null) + node("out", "builtin:null", null)
            + edges("gen", "f1", "f1", "f2", "f2", "f3", "f3", "out");
    }

    @Test
    void dedicatedFiveStagesOnOneListedCpuRunsSharedPinnedAndDeliversEverything() throws Exception {
        final HostCpus host = HostCpus.detect();
        assumeTrue(CorePlacement.supported() && host.online().size() >= 2, "needs Linux affinity and 2 CPUs");
        final int cpu = host.online().get(host.online().size() - 1);
        try (FlowHarness.Finished f = FlowHarness.run(flow("mode = \"dedicated\"\nwait_strategy = \"yielding\"\n"
            + "cpu_affinity = [" + cpu + "]"), null, -1)) {
            assertNull(f.summary().outcome());
            assertEquals(COUNT, f.summary().elements());
            assertEquals(ExecutionMode.SHARED, f.run().layout().mode());
            assertEquals(List.of(new ThreadPlacement("worker-0", List.of("gen", "f1", "f2", "f3", "out"), cpu,
                WaitStrategyKind.YIELDING)), f.run().layout().threads());
            assertTrue(f.summary().warnings().get(0).startsWith("cannot pin 5 stages to dedicated cores"),
                f.summary().warnings().toString());
            assertEquals(1, f.summary().warnings().size(), "pinning itself succeeded: "
                + f.summary().warnings());
            assertTrue(f.summary().poolsFull());
        }
        assertEquals(List.of(), CorePlacement.helperCpus(), "the run released its CPUs");
    }

    @Test
    void aCpuThisMachineLacksFailsBeforeTheRunStarts() {
        final TorvynException e = assertThrows(TorvynException.class,
            () -> FlowHarness.run(flow("cpu_affinity = [4095]"), null, -1));
        assertEquals(ErrorCode.E0702, e.code());
        assertTrue(e.problem().message().contains("CPU 4095 does not exist on this machine"), e.problem().message());
    }
}
