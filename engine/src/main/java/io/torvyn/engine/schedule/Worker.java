package io.torvyn.engine.schedule;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.ring.Stream;
import io.torvyn.engine.stage.FlowControl;
import io.torvyn.engine.stage.Stage;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread's duty cycle: run each stage the {@link StageBoard} gives it once per round, idle when a whole round moved
 * nothing. In `shared` mode a worker starts with a contiguous slice of the topological order (neighbouring stages
 * share a thread and a cache) and a {@link LayoutBalancer} may move stages between workers while the flow runs; in
 * `dedicated` mode it owns one stage. A stage has exactly one runner at a time (the board's hand-over protocol), so
 * each ring keeps a single producer thread and a single consumer thread.
 * <p>
 * A worker that has no stage to run (the balancer put them all elsewhere) sleeps until an assignment wakes it, counts
 * as idle for its peers, and takes its stages back when they are handed to it. It stops when every stage of the flow
 * has ended or the run has abandoned the board, or, when the board is not {@linkplain StageBoard#movable() movable},
 * once its own stages have.
 */
public final class Worker implements Runnable {
    /**
     * How long a worker with nothing to run sleeps between looks at the board; a new assignment wakes it at once, so
     * this only bounds how late it notices that the flow has ended.
     */
    static final long UNASSIGNED_PARK_NS = 5_000_000;

    private final String name;
    private final int id;
    private final StageBoard board;
    private final IdleStrategy idle;
    private final FlowControl flow;
    private final PeerActivity peers;
    private final boolean[] held;
    private volatile long wakeups;
    private volatile long idleNs;

    /**
     * @param id    this worker's number on the board
     * @param peers where this worker reports its busy/idle transitions (null for nowhere); the caller has already
     *              counted it as started ({@link PeerActivity#workerStarted()}), before any worker thread runs
     */
    public Worker(final String name, final int id, final StageBoard board, final IdleStrategy idle,
                  final FlowControl flow, final PeerActivity peers) {
        this.name = name;
        this.id = id;
        this.board = board;
        this.idle = idle;
        this.flow = flow;
        this.peers = peers;
        this.held = new boolean[board.size()];
    }

    public String name() {
        return name;
    }

    public IdleStrategy idleStrategy() {
        return idle;
    }

    /** The stages assigned to this worker now (diagnostics). */
    public Stage[] stages() {
        int n = 0;
        for (int i = 0; i < board.size(); i++) {
            n += board.assignedTo(i) == id ? 1 : 0;
        }
        final Stage[] mine = new Stage[n];
        n = 0;
        for (int i = 0; i < board.size(); i++) {
            if (board.assignedTo(i) == id) {
                mine[n++] = board.stage(i);
            }
        }
        return mine;
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
        final StageBoard b = board;
        final int stageCount = b.size();
        long localWakeups = 0;
        long idleStart = 0;
        long localIdle = 0;
        try {
            b.attach(id);
            for (int i = 0; i < stageCount; i++) {
                if (b.runnerOf(i) == id && b.assignedTo(i) == id) {
                    b.stage(i).open();
                }
            }
            while (true) {
                int work = 0;
                int running = 0;
                int live = 0;
                for (int i = 0; i < stageCount; i++) {
                    final int runner = b.runnerOf(i);
                    if (runner == StageBoard.CLOSED) {
                        continue;
                    }
                    live++;
                    if (runner != id) {
                        continue;
                    }
                    final int target = b.assignedTo(i);
                    if (target != id && !b.isRetired(target)) {
                        held[i] = false;
                        b.handOver(i, target);
                        continue;
                    }
                    final Stage s = b.stage(i);
                    if (!held[i]) {
                        held[i] = true;
                        wakeOnInput(s);
                    }
                    running++;
                    work += s.doWork();
                    if (s.isDone()) {
                        s.close();
                        held[i] = false;
                        b.closed(i);
                    }
                }
                if (live == 0 || (running == 0 && (!b.movable() || b.abandoned()))) {
                    break;
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
                    if (running == 0) {
                        LockSupport.parkNanos(UNASSIGNED_PARK_NS);
                    } else {
                        idle.idle();
                    }
                }
            }
        } catch (final Throwable t) {
            b.retire(id);
            flow.fail(name, new TorvynException(new Problem(ErrorCode.E0900,
                "internal error in worker `" + name + "`: " + t, "worker " + name,
                "this is a bug in Torvyn: please report it with the command line and the journal path"),
                t instanceof Exception e ? e : new RuntimeException(t)));
            closeHeld();
        } finally {
            if (peers != null && idleStart == 0) {
                peers.workerEnded();
            }
            wakeups = localWakeups;
            idleNs = localIdle;
        }
    }

    /** A blocking idle strategy parks until a producer signals: the inputs of a stage it takes must signal it. */
    private void wakeOnInput(final Stage s) {
        if (idle.needsSignal()) {
            for (final Stream in : s.inputs()) {
                in.consumerWaker(idle::signal);
            }
        }
    }

    private void closeHeld() {
        for (int i = 0; i < board.size(); i++) {
            if (board.runnerOf(i) != id) {
                continue;
            }
            try {
                board.stage(i).close();
            } catch (final RuntimeException ignored) {
                // the flow has already failed; close what can be closed
            }
            board.closed(i);
        }
    }
}
