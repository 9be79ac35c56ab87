package io.torvyn.perf.jmh;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.stage.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's pass-through flow in steady state, for {@code -prof gc}: the flow runs for the whole trial (so its
 * threads are alive when JMH reads their allocation counters), and one invocation waits until {@link #EVENTS} more
 * elements have reached the sink. {@code gc.alloc.rate.norm} is then heap bytes per element across all threads.
 *
 * <pre>
 *   generator(64 B) ──► forward ──► forward ──► forward ──► null        (journal off)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PassThroughFlowBenchmark {
    static final int EVENTS = 1 << 20;

    @Param({"shared", "dedicated"})
    public String mode;

    /** `worker_threads` of a shared run (0 = one per core). */
    @Param({"0"})
    public int workers;

    /** `[runtime.scheduling] placement` of a shared run: measured (stages may move) or planned (fixed slices). */
    @Param({"measured"})
    public String placement;

    private FlowRun run;
    private Stage sink;
    private long seen;

    @Setup(Level.Trial)
    public void start() {
        run = Flows.prepare(ConfigLoader.fromString(String.join("\n",
            "[torvyn]", "name = \"jmh\"", "version = \"0.1.0\"", "[runtime]", "mode = \"" + mode + "\"",
            "worker_threads = " + workers, "[runtime.scheduling]", "placement = \"" + placement + "\"",
            "[flow.main.nodes.gen]", "component = \"builtin:generator\"", "config = '{\"size\":64}'",
            "[flow.main.nodes.f1]", "component = \"builtin:forward\"",
            "[flow.main.nodes.f2]", "component = \"builtin:forward\"",
            "[flow.main.nodes.f3]", "component = \"builtin:forward\"",
            "[flow.main.nodes.sink]", "component = \"builtin:null\"",
            "[[flow.main.edges]]", "from = \"gen\"", "to = \"f1\"",
            "[[flow.main.edges]]", "from = \"f1\"", "to = \"f2\"",
            "[[flow.main.edges]]", "from = \"f2\"", "to = \"f3\"",
            "[[flow.main.edges]]", "from = \"f3\"", "to = \"sink\"", "")), null, RunOptions.UNBOUNDED);
        sink = run.stages().get(run.stages().size() - 1);
        run.start();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long elements() {
        final long target = seen + EVENTS;
        long now;
        while ((now = sink.stats().elementsIn()) < target) {
            LockSupport.parkNanos(50_000);
        }
        seen = now;
        return now;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        run.cancel();
        run.await(30_000_000_000L);
        run.close();
    }
}
