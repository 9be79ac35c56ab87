package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.ExecutionMode;
import io.torvyn.engine.config.WaitStrategyKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real pinning on this machine: needs Linux with two CPUs, which CI and developer machines have. */
class CorePlacementTest {

    private static HostCpus twoCpus() {
        final HostCpus host = HostCpus.detect();
        assumeTrue(CorePlacement.supported() && host.online().size() >= 2 && host.allowed().size() >= 2,
            "needs Linux thread affinity and two usable CPUs");
        return host;
    }

    @Test
    void aPinnedStageThreadRunsOnlyOnItsCpu() throws Exception {
        final HostCpus host = twoCpus();
        final int cpu = host.allowed().get(host.allowed().size() - 1);
        final LayoutPlan plan = LayoutPlanner.plan(List.of("only"), ExecutionMode.SHARED, 0,
            WaitStrategyKind.SLEEPING, CpuAffinity.list(List.of(cpu)), host);
        final ThreadPins pins = new ThreadPins(1);
        final AtomicReference<List<Integer>> seen = new AtomicReference<>();
        final Thread t = new TorvynThreads("test").placed(() -> seen.set(CorePlacement.currentThreadCpus()),
            plan.threads().get(0), pins);
        t.start();
        t.join();
        assertEquals(List.of(), pins.await(1000));
        assertEquals(List.of(cpu), seen.get());
        assertTrue(t.getName().endsWith("-worker-0"), t.getName());
    }

    @Test
    void helpersStayOffReservedCpusWhileTheReservationLasts() throws Exception {
        final HostCpus host = twoCpus();
        final int pinnedCpu = host.allowed().get(host.allowed().size() - 1);
        final LayoutPlan plan = LayoutPlanner.plan(List.of("a"), ExecutionMode.SHARED, 0,
            WaitStrategyKind.SLEEPING, CpuAffinity.list(List.of(pinnedCpu)), host);
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch check = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<List<Integer>> beforeReserve = new AtomicReference<>();
        final AtomicReference<List<Integer>> duringReserve = new AtomicReference<>();
        final Thread early = new TorvynThreads("test").named(() -> {
            beforeReserve.set(CorePlacement.currentThreadCpus());
            running.countDown();
            await(check);
            duringReserve.set(CorePlacement.currentThreadCpus());
            await(release);
        }, "early-helper");
        early.start();
        running.await();
        final AtomicReference<List<Integer>> lateHelper = new AtomicReference<>();
        try (CorePlacement.Reservation r = CorePlacement.reserve(plan)) {
            assertEquals(plan.housekeepingCpus(), CorePlacement.helperCpus());
            check.countDown();
            final Thread late = new TorvynThreads("test").newThread(
                () -> lateHelper.set(CorePlacement.currentThreadCpus()));
            late.start();
            late.join();
        } finally {
            release.countDown();
            early.join();
        }
        assertTrue(beforeReserve.get().contains(pinnedCpu), beforeReserve.get().toString());
        assertEquals(plan.housekeepingCpus(), duringReserve.get(), "a running helper is moved off the pinned CPU");
        assertEquals(plan.housekeepingCpus(), lateHelper.get(), "a helper started later pins itself");
        assertEquals(List.of(), CorePlacement.helperCpus(), "released");
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
