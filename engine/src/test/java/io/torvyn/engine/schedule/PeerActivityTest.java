package io.torvyn.engine.schedule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerActivityTest {

    @Test
    void countsWorkersThroughTheirTransitions() {
        final PeerActivity peers = new PeerActivity();
        peers.workerStarted();
        peers.workerStarted();
        assertEquals(2, peers.busyWorkers());
        peers.workerIdle();
        assertTrue(peers.anyBusy(), "the other worker is still busy");
        peers.workerIdle();
        assertFalse(peers.anyBusy());
        peers.workerBusy();
        assertTrue(peers.anyBusy());
        peers.workerEnded();
        assertEquals(0, peers.busyWorkers());
    }

    @Test
    void sleepingIdleParksOnlyOnceNoPeerIsBusy() {
        final PeerActivity peers = new PeerActivity();
        peers.workerStarted();
        final SleepingIdle idle = new SleepingIdle(peers);
        for (int i = 0; i < 1_000; i++) {
            assertFalse(idle.parksNext(), "call " + i + ": a peer is busy, so the back-off stays below parking");
            idle.idle();
        }
        peers.workerIdle();
        assertTrue(idle.parksNext(), "the whole flow is idle: the next idle call parks");
        peers.workerBusy();
        assertFalse(idle.parksNext());
        idle.reset();
        peers.workerIdle();
        assertFalse(idle.parksNext(), "after a reset the back-off starts again from spinning");
    }

    @Test
    void plainSleepingIdleParksAfterItsBackOff() {
        final SleepingIdle idle = new SleepingIdle();
        int calls = 0;
        while (!idle.parksNext()) {
            idle.idle();
            calls++;
            assertTrue(calls < 1_000, "the plain back-off reaches parking");
        }
        assertEquals(200, calls, "100 spins and 100 yields before the first park");
    }
}
