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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of the Wasm boundary, per element, as the difference to the same flow with {@code builtin:forward}. All
 * stages share ONE worker thread, so per-element costs add up and {@code 1 / score} differences are the stage's own
 * cost (with more threads a stage that is not the bottleneck would hide its cost).
 *
 * <pre>
 *   generator(SIZE B) ──► STAGE ──► null          STAGE = one of {@link #stage}:
 *     forward            builtin:forward (the baseline)
 *     filter             examples/components/wat/size_filter.wasm, metadata-only, one call per element
 *     batch-filter       examples/components/c/batch_size_filter.wasm, metadata-only, one call per batch_size
 *     uppercase          examples/components/c/uppercase.wasm (reads, loops over every byte, writes)
 *     batch-uppercase    examples/components/c/batch_uppercase.wasm (the same over the batch ABI)
 * </pre>
 * Score: elements per second (one op = one element). Run, for example:
 * {@code scripts/perf-jmh.sh WasmBoundaryBenchmark -p engine=chicory,wasmtime -p stage=forward,filter}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasmBoundaryBenchmark {
    static final int EVENTS = 1 << 18;

    @Param({"chicory", "wasmtime"})
    public String engine;

    @Param({"forward", "filter", "batch-filter"})
    public String stage;

    @Param({"32"})
    public int batchSize;

    @Param({"1000000"})
    public long fuel;

    @Param({"64"})
    public int size;

    private FlowRun run;
    private Stage sink;
    private long seen;

    @Setup(Level.Trial)
    public void start() {
        final Path components = components();
        final String node;
        switch (stage) {
            case "forward":
                node = "component = \"builtin:forward\"";
                break;
            case "filter":
                node = "component = \"file:" + components.resolve("wat/size_filter.wasm") + "\"\n"
                    + "config = '{\"max_bytes\":100000}'";
                break;
            case "batch-filter":
                node = "component = \"file:" + components.resolve("c/batch_size_filter.wasm") + "\"\n"
                    + "config = '{\"max_bytes\":100000}'";
                break;
            case "uppercase":
                node = "component = \"file:" + components.resolve("c/uppercase.wasm") + "\"";
                break;
            case "batch-uppercase":
                node = "component = \"file:" + components.resolve("c/batch_uppercase.wasm") + "\"";
                break;
            default:
                throw new IllegalArgumentException("unknown stage " + stage);
        }
        run = Flows.prepare(ConfigLoader.fromString(String.join("\n",
            "[torvyn]", "name = \"jmh\"", "version = \"0.1.0\"",
            "[runtime]", "worker_threads = 1", "wasm_engine = \"" + engine + "\"", "fuel_per_invocation = " + fuel,
            "[runtime.scheduling]", "batch_size = " + batchSize, "yield_batch = " + Math.max(32, batchSize),
            "[runtime.backpressure]", "default_queue_depth = " + Math.max(64, 2 * batchSize),
            "[flow.main.nodes.gen]", "component = \"builtin:generator\"", "config = '{\"size\":" + size + "}'",
            "[flow.main.nodes.stage]", node,
            "[flow.main.nodes.sink]", "component = \"builtin:null\"",
            "[[flow.main.edges]]", "from = \"gen\"", "to = \"stage\"",
            "[[flow.main.edges]]", "from = \"stage\"", "to = \"sink\"", "")), null, RunOptions.UNBOUNDED);
        sink = run.stages().get(run.stages().size() - 1);
        run.start();
    }

    /** examples/components of this checkout, found from the working directory upwards. */
    static Path components() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path c = dir.resolve("examples/components");
            if (Files.isDirectory(c)) {
                return c;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/components not found above " + Path.of("").toAbsolutePath());
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long elements() {
        final long target = seen + EVENTS;
        long now;
        while ((now = sink.stats().elementsIn()) < target) {
            if (run.control().failure() != null) {
                throw run.control().failure();
            }
            LockSupport.parkNanos(20_000);
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
