package io.torvyn.engine.schedule;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.stage.FlowControl;
import io.torvyn.engine.stage.Stage;

/**
 * A thread's duty cycle: run each of its stages once per round, idle when a whole round moved nothing. In `shared`
 * mode a worker owns a fixed, contiguous slice of the topological order (neighbouring stages share a thread and a
 * cache, the fast layout on small machines); in `dedicated` mode it owns one stage. A stage belongs to exactly one
 * worker, so each ring keeps a single producer thread and a single consumer thread.
 */
public final class Worker implements Runnable {
    private final String name;
    private final Stage[] stages;
    private final IdleStrategy idle;
    private final FlowControl flow;
    private final PeerActivity peers;
    private volatile long wakeups;
    private volatile long idleNs;

    public Worker(final String name, final Stage[] stages, final IdleStrategy idle, final FlowControl flow) {
        this(name, stages, idle, flow, null);
    }

    /**
     * @param peers where this worker reports its busy/idle transitions (null for nowhere); the caller has already
     *              counted it as started ({@link PeerActivity#workerStarted()}), before any worker thread runs
     */
    public Worker(final String name, final Stage[] stages, final IdleStrategy idle, final FlowControl flow,
                  final PeerActivity peers) {
        this.name = name;
        this.stages = stages.clone();
        this.idle = idle;
        this.flow = flow;
        this.peers = peers;
    }

    public String name() {
        return name;
    }

    public IdleStrategy idleStrategy() {
        return idle;
    }

    public Stage[] stages() {
        return stages.clone();
    }

    /** Idle-to-busy transitions of this worker (`scheduler.wakeups`). */
    public long wakeups() {
        return wakeups;
    }

    /** Time spent idle (`scheduler.idle_ns`). */
    public long idleNs() {
        return idleNs;
    }

    @Override
    public void run() {
        final Stage[] live = stages.clone();
        int count = live.length;
        long localWakeups = 0;
        long idleStart = 0;
        long localIdle = 0;
        try {
            for (int i = 0; i < count; i++) {
                live[i].open();
            }
            while (count > 0) {
                int work = 0;
                for (int i = 0; i < count; i++) {
                    final Stage s = live[i];
                    work += s.doWork();
                    if (s.isDone()) {
                        s.close();
                        System.arraycopy(live, i + 1, live, i, count - i - 1);
                        count--;
                        i--;
                    }
                }
                if (work > 0) {
                    if (idleStart != 0) {
                        if (peers != null) {
                            peers.workerBusy();
                        }
                        final long now = System.nanoTime();
                        localIdle += now - idleStart;
                        idleStart = 0;
                        localWakeups++;
                        wakeups = localWakeups;
                        idleNs = localIdle;
                    }
                    idle.reset();
                } else {
                    if (idleStart == 0) {
                        idleStart = System.nanoTime();
                        if (peers != null) {
                            peers.workerIdle();
                        }
                    }
                    idle.idle();
                }
            }
        } catch (final Throwable t) {
            flow.fail(name, new TorvynException(new Problem(ErrorCode.E0900,
                "internal error in worker `" + name + "`: " + t, "worker " + name,
                "this is a bug in Torvyn: please report it with the command line and the journal path"),
                t instanceof Exception e ? e : new RuntimeException(t)));
            for (int i = 0; i < count; i++) {
                try {
                    live[i].close();
                } catch (final RuntimeException ignored) {
                    // the flow has already failed; close what can be closed
                }
            }
        } finally {
            if (peers != null && idleStart == 0) {
                peers.workerEnded();
            }
            wakeups = localWakeups;
            idleNs = localIdle;
        }
    }
}
