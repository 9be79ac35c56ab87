package io.torvyn.perf.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class HeapAllocationMeterTest {

    private static final int MIB = 1 << 20;

    private static volatile Object sink;

    private final HeapAllocationMeter meter = new HeapAllocationMeter();

    @Test
    void countsAThreadThatStartsAndEndsInsideTheInterval() throws Exception {
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        final Thread thread = new MeasuredThreadFactory("meter-test").newThread(() -> allocate(4 * MIB));
        thread.start();
        thread.join();
        final HeapAllocation allocation = meter.allocatedSince(before);
        assertTrue(allocation.bytes() >= 4 * MIB, "bytes " + allocation.bytes());
        assertTrue(allocation.exact(), "unmeasured threads " + allocation.unmeasuredThreads());
    }

    @Test
    void countsOnlyTheIntervalsShareOfAThreadThatEndsInsideIt() throws Exception {
        final CountDownLatch allocatedBefore = new CountDownLatch(1);
        final CountDownLatch intervalStarted = new CountDownLatch(1);
        final Thread thread = new MeasuredThreadFactory("meter-test").newThread(() -> {
            allocate(16 * MIB);
            allocatedBefore.countDown();
            await(intervalStarted);
            allocate(MIB);
        });
        thread.start();
        allocatedBefore.await();
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        intervalStarted.countDown();
        thread.join();
        final HeapAllocation allocation = meter.allocatedSince(before);
        assertTrue(allocation.bytes() >= MIB && allocation.bytes() < 8 * MIB, "bytes " + allocation.bytes());
    }

    @Test
    void countsThreadsAliveThroughoutTheInterval() {
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        allocate(2 * MIB);
        assertTrue(meter.allocatedSince(before).bytes() >= 2 * MIB);
    }

    @Test
    void flagsAThreadThatEndedWithoutReporting() throws Exception {
        final HeapAllocationMeter.Snapshot before = meter.snapshot();
        final Thread thread = new Thread(() -> allocate(MIB));
        thread.start();
        thread.join();
        final HeapAllocation allocation = meter.allocatedSince(before);
        assertFalse(allocation.exact());
        assertTrue(allocation.unmeasuredThreads() >= 1);
    }

    private static void allocate(final int bytes) {
        for (int i = 0; i < bytes / 1024; i++) {
            sink = new byte[1024];
        }
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
