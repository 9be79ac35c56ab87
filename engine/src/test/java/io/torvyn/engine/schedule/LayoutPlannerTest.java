package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.WaitStrategyKind;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.torvyn.engine.config.ExecutionMode.DEDICATED;
import static io.torvyn.engine.config.ExecutionMode.SHARED;
import static io.torvyn.engine.config.WaitStrategyKind.BUSY_SPIN;
import static io.torvyn.engine.config.WaitStrategyKind.SLEEPING;
import static io.torvyn.engine.config.WaitStrategyKind.YIELDING;
import static io.torvyn.engine.schedule.ThreadPlacement.UNPINNED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which threads go where, for flows and machines these tests do not need to run on. */
class LayoutPlannerTest {

    private static final List<String> FIVE = List.of("gen", "f1", "f2", "f3", "sink");

    private static ThreadPlacement t(final String name, final List<String> stages, final int cpu,
                                     final WaitStrategyKind wait) {
        return new ThreadPlacement(name, stages, cpu, wait);
    }

    private static LayoutPlan plan(final ExecutionMode mode, final int workers, final WaitStrategyKind wait,
                                   final CpuAffinity affinity, final HostCpus host) {
        return LayoutPlanner.plan(FIVE, mode, workers, wait, affinity, host);
    }

    @Test
    void unpinnedSharedSplitsTheTopologicalOrderIntoContiguousSlicesTheSourceSliceTheSmaller() {
        final LayoutPlan p = plan(SHARED, 0, SLEEPING, CpuAffinity.NONE, HostCpus.of(2));
        assertEquals(List.of(
            t("worker-0", List.of("gen", "f1"), UNPINNED, SLEEPING),
            t("worker-1", List.of("f2", "f3", "sink"), UNPINNED, SLEEPING)), p.threads());
        assertEquals(List.of(), p.pinnedCpus());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void unpinnedSharedNeverRunsMoreWorkersThanStages() {
        final LayoutPlan p = LayoutPlanner.plan(List.of("a", "b"), SHARED, 8, SLEEPING, CpuAffinity.NONE,
            HostCpus.of(16));
        assertEquals(2, p.threads().size());
    }

    @Test
    void unpinnedDedicatedIsOneThreadPerStage() {
        final LayoutPlan p = plan(DEDICATED, 0, YIELDING, CpuAffinity.NONE, HostCpus.of(2));
        assertEquals(5, p.threads().size());
        assertEquals(t("stage-f2", List.of("f2"), UNPINNED, YIELDING), p.threads().get(2));
        assertEquals(DEDICATED, p.mode());
    }

    @Test
    void busySpinWithMoreSpinnersThanCoresFallsBackToYieldingAndSaysWhy() {
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.NONE, HostCpus.of(2));
        assertTrue(p.threads().stream().allMatch(t -> t.waitStrategy() == YIELDING));
        assertEquals(1, p.warnings().size());
        assertTrue(p.warnings().get(0).startsWith("busy-spin with 5 spinning threads on 2 cores would starve itself; "
            + "using `yielding`"), p.warnings().get(0));
    }

    @Test
    void busySpinWithACorePerThreadIsKept() {
        final LayoutPlan p = plan(SHARED, 2, BUSY_SPIN, CpuAffinity.NONE, HostCpus.of(2));
        assertTrue(p.threads().stream().allMatch(t -> t.waitStrategy() == BUSY_SPIN));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void fiveStagesOnEightCoresWithIsolcpus2To7DedicatedIsAnExactMap() {
        final HostCpus host = HostCpus.of(8, List.of(2, 3, 4, 5, 6, 7));
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.list(List.of(2, 3, 4, 5, 6)), host);
        assertEquals(List.of(
            t("stage-gen", List.of("gen"), 2, BUSY_SPIN),
            t("stage-f1", List.of("f1"), 3, BUSY_SPIN),
            t("stage-f2", List.of("f2"), 4, BUSY_SPIN),
            t("stage-f3", List.of("f3"), 5, BUSY_SPIN),
            t("stage-sink", List.of("sink"), 6, BUSY_SPIN)), p.threads());
        assertEquals(DEDICATED, p.mode());
        assertEquals(List.of(2, 3, 4, 5, 6), p.pinnedCpus());
        assertEquals(List.of(0, 1, 7), p.housekeepingCpus());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void advisorPutsFiveStagesOnTheIsolatedCoresOfAnEightCoreMachine() {
        final LayoutAdvice a = LayoutAdvisor.recommend(FIVE, HostCpus.of(8, List.of(2, 3, 4, 5, 6, 7)));
        assertEquals(DEDICATED, a.mode());
        assertEquals(BUSY_SPIN, a.waitStrategy());
        assertEquals(List.of(2, 3, 4, 5, 6), a.affinity().cpus());
        assertEquals(List.of(0, 1, 7), a.plan().housekeepingCpus());
        assertEquals(5, a.plan().threads().stream().filter(ThreadPlacement::pinned).count());
        assertTrue(a.toToml().contains("cpu_affinity = [2, 3, 4, 5, 6]"), a.toToml());
    }

    @Test
    void fiveStagesOnTwoCoresDedicatedCannotPinAndFallsBackToShared() {
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.list(List.of(1)), HostCpus.of(2));
        assertEquals(SHARED, p.mode());
        assertEquals(List.of(t("worker-0", FIVE, 1, BUSY_SPIN)), p.threads());
        assertEquals(List.of(0), p.housekeepingCpus());
        assertEquals(List.of("cannot pin 5 stages to dedicated cores: cpu_affinity lists 1 CPU (1); running mode = "
            + "\"shared\" instead with 1 worker pinned one per CPU (worker-0: gen, f1, f2, f3, sink → CPU 1)"),
            p.warnings());
    }

    @Test
    void advisorOnTwoCoresKeepsOneForHousekeepingAndRunsOneSpinningWorker() {
        final LayoutAdvice a = LayoutAdvisor.recommend(FIVE, HostCpus.of(2));
        assertEquals(SHARED, a.mode());
        assertEquals(BUSY_SPIN, a.waitStrategy());
        assertEquals(List.of(1), a.affinity().cpus());
        assertEquals(List.of(t("worker-0", FIVE, 1, BUSY_SPIN)), a.plan().threads());
        assertTrue(a.reason().startsWith("cannot pin 5 stages to dedicated cores: 2 CPUs online, CPU 0 kept for "
            + "housekeeping, 1 left (1); shared mode with 1 worker"), a.reason());
    }

    @Test
    void advisorOnOneCpuPinsNothing() {
        final LayoutAdvice a = LayoutAdvisor.recommend(FIVE, HostCpus.of(1));
        assertEquals(CpuAffinity.NONE, a.affinity());
        assertEquals(SLEEPING, a.waitStrategy());
        assertTrue(a.reason().startsWith("cannot pin anything"), a.reason());
    }

    @Test
    void dedicatedWithFewerListedCpusThanStagesSharesThemInSlices() {
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.list(List.of(2, 3)), HostCpus.of(4));
        assertEquals(List.of(
            t("worker-0", List.of("gen", "f1"), 2, BUSY_SPIN),
            t("worker-1", List.of("f2", "f3", "sink"), 3, BUSY_SPIN)), p.threads());
        assertEquals(List.of(0, 1), p.housekeepingCpus());
        assertTrue(p.warnings().get(0).startsWith("cannot pin 5 stages to dedicated cores"), p.warnings().get(0));
    }

    @Test
    void sharedRunsOneWorkerPerListedCpuAndCapsWorkerThreads() {
        final LayoutPlan p = plan(SHARED, 4, SLEEPING, CpuAffinity.list(List.of(5, 6)), HostCpus.of(8));
        assertEquals(List.of(
            t("worker-0", List.of("gen", "f1"), 5, SLEEPING),
            t("worker-1", List.of("f2", "f3", "sink"), 6, SLEEPING)), p.threads());
        assertEquals(List.of("worker_threads = 4 but cpu_affinity lists 2 CPUs: running 2 workers, one per CPU"),
            p.warnings());
        assertEquals(List.of(0, 1, 2, 3, 4, 7), p.housekeepingCpus());
    }

    @Test
    void extraListedCpusAreReportedUnused() {
        final LayoutPlan p = LayoutPlanner.plan(List.of("a", "b"), DEDICATED, 0, BUSY_SPIN,
            CpuAffinity.list(List.of(1, 2, 3)), HostCpus.of(4));
        assertEquals(List.of(1, 2), p.pinnedCpus());
        assertEquals(List.of("cpu_affinity lists more CPUs than threads: CPU 3 stays unused"), p.warnings());
    }

    @Test
    void nodeTableGroupsNodesOnTheSameCpuAndLeavesUnmappedOnesUnpinned() {
        final Map<String, Integer> byNode = new LinkedHashMap<>();
        byNode.put("sink", 3);
        byNode.put("gen", 2);
        byNode.put("f1", 3);
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.byNode(byNode), HostCpus.of(4));
        assertEquals(List.of(
            t("stage-gen", List.of("gen"), 2, BUSY_SPIN),
            t("worker-0", List.of("f1", "sink"), 3, BUSY_SPIN),
            t("stage-f2", List.of("f2"), UNPINNED, BUSY_SPIN),
            t("stage-f3", List.of("f3"), UNPINNED, BUSY_SPIN)), p.threads());
        assertEquals(List.of(0, 1), p.housekeepingCpus());
        assertEquals(List.of(
            "nodes f1, sink are all mapped to CPU 3: they share one thread",
            "nodes f2, f3 have no CPU in cpu_affinity: they run unpinned, on the housekeeping CPUs"), p.warnings());
    }

    @Test
    void unpinnedSpinnersBeyondTheHousekeepingCpusYield() {
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.byNode(Map.of("gen", 2)), HostCpus.of(4));
        final long yielding = p.threads().stream().filter(t -> t.waitStrategy() == YIELDING).count();
        assertEquals(4, yielding);
        assertEquals(BUSY_SPIN, p.threadOf("gen").waitStrategy());
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("busy-spin with 4 unpinned spinning threads on "
            + "3 housekeeping CPUs would starve itself")), p.warnings().toString());
    }

    @Test
    void sharedNodeTablePutsUnmappedNodesOnOneWorker() {
        final LayoutPlan p = plan(SHARED, 0, SLEEPING, CpuAffinity.byNode(Map.of("gen", 1)), HostCpus.of(2));
        assertEquals(List.of(
            t("worker-0", List.of("gen"), 1, SLEEPING),
            t("worker-1", List.of("f1", "f2", "f3", "sink"), UNPINNED, SLEEPING)), p.threads());
    }

    @Test
    void nodeTableNamingAnotherFlowsNodeIsIgnoredWithAWarning() {
        final LayoutPlan p = plan(SHARED, 0, SLEEPING, CpuAffinity.byNode(Map.of("other", 1, "gen", 1)),
            HostCpus.of(2));
        assertTrue(p.warnings().contains("cpu_affinity names `other`, which is not a node of this flow: ignored"),
            p.warnings().toString());
    }

    @Test
    void aCpuTheMachineLacksIsARuntimeErrorNamingTheOnlineCpus() {
        final TorvynException e = assertThrows(TorvynException.class,
            () -> plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.list(List.of(1, 7)), HostCpus.of(2)));
        assertEquals(ErrorCode.E0702, e.code());
        assertEquals("invalid `runtime.cpu_affinity`: CPU 7 does not exist on this machine (online CPUs: 0,1)",
            e.problem().message());
        assertTrue(e.problem().help().contains("torvyn doctor"), e.problem().help());
        final TorvynException byNode = assertThrows(TorvynException.class,
            () -> plan(SHARED, 0, SLEEPING, CpuAffinity.byNode(Map.of("sink", 9)), HostCpus.of(2)));
        assertEquals("runtime.cpu_affinity.sink", byNode.problem().where());
    }

    @Test
    void pinningEveryCpuLeavesNoHousekeepingAndSaysSo() {
        final LayoutPlan p = plan(SHARED, 0, SLEEPING, CpuAffinity.list(List.of(0, 1)), HostCpus.of(2));
        assertEquals(List.of(), p.housekeepingCpus());
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("cpu_affinity pins every CPU")),
            p.warnings().toString());
    }

    @Test
    void housekeepingFollowsTheProcessMaskWhenTasksetRestrictsIt() {
        final HostCpus tasksetToCpu0 = new HostCpus(List.of(0, 1, 2, 3), 1, List.of(0), List.of(), List.of());
        final LayoutPlan p = plan(DEDICATED, 0, BUSY_SPIN, CpuAffinity.byNode(Map.of("gen", 1, "f1", 2, "f2", 3)),
            tasksetToCpu0);
        assertEquals(List.of(0), p.housekeepingCpus());
    }

    @Test
    void pinnedCpusOutsideTheIsolatedSetAreFlagged() {
        final LayoutPlan p = LayoutPlanner.plan(List.of("a", "b"), DEDICATED, 0, BUSY_SPIN,
            CpuAffinity.list(List.of(1, 2)), HostCpus.of(4, List.of(2, 3)));
        assertEquals(List.of("pinned CPU 1 not isolated (isolcpus=2,3): other tasks may run there"), p.warnings());
    }
}
