package io.torvyn.perf.baseline;

import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DisruptorPipelineBaseline}'s plain-Java twin, measured the same way: the same producer, the same three
 * steps and the same verification, with every hand-off going through a bounded {@link ArrayBlockingQueue} instead of
 * a ring, as in the Disruptor's own queue twins of its pipeline test.
 *
 * <pre>{@code
 * +----+    +====+    +----+    +====+    +----+    +====+    +----+
 * | P1 |--->| Q1 |--->| S1 |--->| Q2 |--->| S2 |--->| Q3 |--->| S3 |
 * +----+    +====+    +----+    +====+    +----+    +====+    +----+
 *
 * P1   producer, the thread calling run(): put(value i)
 * Qn   ArrayBlockingQueue<Long>, same capacity as the Disruptor ring
 * S1   own thread: take, put(value + 777)
 * S2   own thread: take, put(stepOneResult + 3)
 * S3   own thread: take, sum += stepTwoResult
 * }</pre>
 *
 * <p>Boxing is part of what this peer costs, and it is kept: every hop carries a {@code Long} made by autoboxing
 * ({@code Long.valueOf}), whose cache covers only -128..127, so from the 129th element of a round on each element
 * allocates three fresh {@code Long}s (48 bytes with compressed oops). The Disruptor's queue twin does the same with a
 * {@code long[]} on its first hop and {@code Long}s after; the only difference here is that hop one carries one boxed
 * value instead of a two-element array, because our ring slot carries one operand too. The queues' locks add their
 * own garbage whenever a stage blocks (wait-queue nodes); on a 2-core box the total measures about 78 bytes per
 * element.
 *
 * <p>Each stage moves exactly one round's count of elements and returns, so no poison pill or interrupt is needed;
 * the stages run on a three-thread pool made on the first round and parked between rounds.
 */
public final class BlockingQueuePipelineBaseline implements Scenario {

    /** The table section of the orchestration-overhead rows. */
    public static final String GROUP = "orchestration";

    public static final String NAME = "blocking-queue-pipeline";

    private static final long STAGE_TIMEOUT_MILLIS = 60_000;

    private final BlockingQueue<Long> stepOneQueue;
    private final BlockingQueue<Long> stepTwoQueue;
    private final BlockingQueue<Long> stepThreeQueue;
    private ExecutorService executor;
    private MeasuredThreadFactory threads;
    private long lastSum;

    /** @param capacity capacity of each of the three queues */
    public BlockingQueuePipelineBaseline(final int capacity) {
        stepOneQueue = new ArrayBlockingQueue<>(capacity);
        stepTwoQueue = new ArrayBlockingQueue<>(capacity);
        stepThreeQueue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public String description() {
        return "plain Java: producer + 3 handler threads over ArrayBlockingQueues";
    }

    @Override
    public List<String> references() {
        return List.of(DisruptorPipelineBaseline.NAME);
    }

    @Override
    public long run(final long events) {
        if (events <= 0) {
            if (events < 0) {
                throw new IllegalArgumentException("events must not be negative: " + events);
            }
            return 0;
        }
        if (executor == null) {
            threads = new MeasuredThreadFactory(NAME);
            executor = Executors.newFixedThreadPool(3, threads);
        }
        final StepThreeStage stepThree = new StepThreeStage(stepThreeQueue, events);
        final Future<?> one = executor.submit(new StepOneStage(stepOneQueue, stepTwoQueue, events));
        final Future<?> two = executor.submit(new StepTwoStage(stepTwoQueue, stepThreeQueue, events));
        final Future<?> three = executor.submit(stepThree);
        try {
            for (long value = 0; value < events; value++) {
                stepOneQueue.put(value);
            }
            one.get(STAGE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            two.get(STAGE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            three.get(STAGE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (final Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(NAME + " did not complete a round", e);
        }
        lastSum = stepThree.sum;
        PipelineWork.verify(NAME, events, stepThree.count, lastSum);
        return stepThree.count;
    }

    /** The final sum of the last round, for tests that check the verification itself. */
    public long lastSum() {
        return lastSum;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                threads.joinAll(STAGE_TIMEOUT_MILLIS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Step one: takes a round's values from Q1 and puts {@code value + OPERAND} on Q2. */
    private static final class StepOneStage implements Runnable {
        private final BlockingQueue<Long> in;
        private final BlockingQueue<Long> out;
        private final long events;

        StepOneStage(final BlockingQueue<Long> in, final BlockingQueue<Long> out, final long events) {
            this.in = in;
            this.out = out;
            this.events = events;
        }

        @Override
        public void run() {
            try {
                for (long i = 0; i < events; i++) {
                    out.put(PipelineWork.stepOne(in.take()));
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Step two: takes a round's step-one results from Q2 and puts {@code result + INCREMENT} on Q3. */
    private static final class StepTwoStage implements Runnable {
        private final BlockingQueue<Long> in;
        private final BlockingQueue<Long> out;
        private final long events;

        StepTwoStage(final BlockingQueue<Long> in, final BlockingQueue<Long> out, final long events) {
            this.in = in;
            this.out = out;
            this.events = events;
        }

        @Override
        public void run() {
            try {
                for (long i = 0; i < events; i++) {
                    out.put(PipelineWork.stepTwo(in.take()));
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Step three: sums a round; its fields are read by the producer after the stage's future completes. */
    private static final class StepThreeStage implements Runnable {
        private final BlockingQueue<Long> in;
        private final long events;
        long sum;
        long count;

        StepThreeStage(final BlockingQueue<Long> in, final long events) {
            this.in = in;
            this.events = events;
        }

        @Override
        public void run() {
            try {
                for (long i = 0; i < events; i++) {
                    sum += in.take();
                    count++;
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
