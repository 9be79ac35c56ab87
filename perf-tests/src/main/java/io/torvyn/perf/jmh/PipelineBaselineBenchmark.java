package io.torvyn.perf.jmh;

import io.torvyn.perf.baseline.BlockingQueuePipelineBaseline;
import io.torvyn.perf.baseline.DisruptorPipelineBaseline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The two peer baselines under JMH, for what the perf suite does not give: JMH's forking and statistics, and
 * {@code -prof gc} for allocation per element. One operation is one element, so the score is elements per second
 * and {@code gc.alloc.rate.norm} is bytes per element. The topologies are those drawn in
 * {@link DisruptorPipelineBaseline} and {@link BlockingQueuePipelineBaseline}:
 *
 * <pre>{@code
 * disruptorPipeline:     P1 -> RB -> EP1 -> EP2 -> EP3   (one ring, three gated BatchEventProcessors)
 * blockingQueuePipeline: P1 -> Q1 -> S1 -> Q2 -> S2 -> Q3 -> S3   (three ArrayBlockingQueues)
 * }</pre>
 *
 * <p>Each pipeline's three stage threads are started once per trial and stay alive across invocations: JMH's
 * {@code -prof gc} on JDK 17 reads the counters of live threads only, so threads that ended inside an iteration
 * would vanish from its figure. The benchmark thread is the producer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBaselineBenchmark {

    /** Elements per invocation: large enough that submitting and halting the stages is noise (under 0.1 %). */
    static final int EVENTS = 1 << 20;

    private static final int BUFFER_SIZE = 1024;

    private final DisruptorPipelineBaseline disruptor = new DisruptorPipelineBaseline(BUFFER_SIZE);
    private final BlockingQueuePipelineBaseline blockingQueue = new BlockingQueuePipelineBaseline(BUFFER_SIZE);

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long disruptorPipeline() {
        return disruptor.run(EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long blockingQueuePipeline() {
        return blockingQueue.run(EVENTS);
    }

    @TearDown
    public void stopPipelines() {
        disruptor.close();
        blockingQueue.close();
    }
}
