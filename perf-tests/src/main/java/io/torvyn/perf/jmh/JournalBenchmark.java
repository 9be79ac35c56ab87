package io.torvyn.perf.jmh;

import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.stage.Stage;
import io.torvyn.perf.engine.JournalFlowScenario;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The journal target's flow in steady state, one trial per journal level: the flow runs for the whole trial (so
 * {@code -prof gc} sees its threads alive) and one invocation waits until {@link #EVENTS} more elements have reached
 * the sink. The {@link JournalCounters} columns give the journal's records and bytes per second over the same
 * invocations; divided by the primary score they are records and bytes per element.
 *
 * <pre>
 *   generator(64 B) ──► uppercase.wasm (chicory) ──► null          [journal] level = off | ops | payloads
 * </pre>
 *
 * The journal is written under {@code java.io.tmpdir} (or {@code -Djournal.bench.dir=DIR}) and deleted after the
 * trial; a trial at {@code ops} writes a few GiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark {
    static final int EVENTS = 1 << 17;

    @Param({"off", "ops", "payloads"})
    public String level;

    private Path parent;
    private FlowRun run;
    private Stage sink;
    private RunJournal journal;
    private long seen;
    private long records;
    private long bytes;

    /** The journal's output over the measured invocations, reported by JMH as rates beside the element rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class JournalCounters {
        public long records;
        public long bytes;
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        final String dir = System.getProperty("journal.bench.dir");
        parent = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir"))
            : Path.of(dir), "torvyn-jmh-journal");
        run = Flows.prepare(ConfigLoader.fromString(String.join("\n",
            "[torvyn]", "name = \"jmh\"", "version = \"0.1.0\"",
            "[runtime]", "wasm_engine = \"chicory\"",
            "[journal]", "level = \"" + level + "\"", "path = '" + parent + "'",
            "[flow.main.nodes.gen]", "component = \"builtin:generator\"",
            "config = '{\"size\":64,\"pattern\":\"text\"}'",
            "[flow.main.nodes.upper]", "component = 'file:" + JournalFlowScenario.uppercaseModule() + "'",
            "[flow.main.nodes.sink]", "component = \"builtin:null\"",
            "[[flow.main.edges]]", "from = \"gen\"", "to = \"upper\"",
            "[[flow.main.edges]]", "from = \"upper\"", "to = \"sink\"", "")), null, RunOptions.UNBOUNDED);
        sink = run.stages().get(run.stages().size() - 1);
        journal = run.journal();
        run.start();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long elements(final JournalCounters counters) {
        final long target = seen + EVENTS;
        long now;
        while ((now = sink.stats().elementsIn()) < target) {
            LockSupport.parkNanos(50_000);
        }
        seen = now;
        if (journal != null) {
            final long r = journal.records();
            final long b = journal.bytes();
            counters.records += r - records;
            counters.bytes += b - bytes;
            records = r;
            bytes = b;
        }
        return now;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, IOException {
        run.cancel();
        run.await(30_000_000_000L);
        run.close();
        try (Stream<Path> walk = Files.walk(parent)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
