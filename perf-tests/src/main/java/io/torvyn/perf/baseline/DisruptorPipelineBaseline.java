package io.torvyn.perf.baseline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The hand-written Disruptor pipeline of the README's orchestration-overhead target, shaped like the Disruptor's own
 * three-step pipeline throughput test: one producer publishing {@code long} values into one single-producer ring with
 * the sleeping wait strategy, and three handlers in sequence, each on its own thread and each gated on the one before.
 *
 * <pre>{@code
 * +----+    +====+             +-----+             +-----+             +-----+
 * | P1 |--->| RB |<-- waits ---| EP1 |<-- waits ---| EP2 |<-- waits ---| EP3 |
 * +----+    +====+             +-----+             +-----+             +-----+
 *   ^                                                                     |
 *   +---------------- gating: P1 never overwrites a slot EP3 has not seen +
 *
 * P1   producer, the thread calling run(): value = i
 * RB   one single-producer ring of PipelineEvent slots, sleeping wait strategy
 * EP1  BatchEventProcessor on its own thread, waits on RB's cursor:     stepOneResult = value + 777
 * EP2  BatchEventProcessor on its own thread, waits on EP1's sequence:  stepTwoResult = stepOneResult + 3
 * EP3  BatchEventProcessor on its own thread, waits on EP2's sequence:  sum += stepTwoResult
 * }</pre>
 *
 * <p>The processors live on a three-thread pool made once, on the first round (a warm-up round): each round submits
 * them, publishes, waits for the last handler to see the round's last element, halts them and waits for them to
 * return, as the Disruptor's perf tests do. Between rounds the threads are parked, so they steal no CPU from the rows
 * measured next. Publishing uses {@code next/get/publish} with no translator, so the hot path allocates nothing.
 */
public final class DisruptorPipelineBaseline implements Scenario {

    /** The table section of the orchestration-overhead rows. */
    public static final String GROUP = "orchestration";

    public static final String NAME = "disruptor-pipeline";

    private static final long HALT_TIMEOUT_MILLIS = 10_000;

    private final int bufferSize;
    private RingBuffer<PipelineEvent> ringBuffer;
    private List<BatchEventProcessor<PipelineEvent>> processors;
    private StepThreeHandler stepThree;
    private ExecutorService executor;
    private MeasuredThreadFactory threads;
    private long lastSum;

    /** @param bufferSize ring slots, a power of two */
    public DisruptorPipelineBaseline(final int bufferSize) {
        if (Integer.bitCount(bufferSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + bufferSize);
        }
        this.bufferSize = bufferSize;
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
        return "plain Java: producer + 3 BatchEventProcessors on one ring, sleeping wait";
    }

    @Override
    public List<String> references() {
        return List.of();
    }

    @Override
    public long run(final long events) {
        if (events <= 0) {
            if (events < 0) {
                throw new IllegalArgumentException("events must not be negative: " + events);
            }
            return 0;
        }
        if (ringBuffer == null) {
            start();
        }
        final CountDownLatch done = new CountDownLatch(1);
        stepThree.reset(events, done);
        final Future<?>[] running = new Future<?>[processors.size()];
        for (int i = 0; i < running.length; i++) {
            running[i] = executor.submit(processors.get(i));
        }
        final RingBuffer<PipelineEvent> ring = ringBuffer;
        for (long value = 0; value < events; value++) {
            final long sequence = ring.next();
            ring.get(sequence).value = value;
            ring.publish(sequence);
        }
        try {
            done.await();
            // Safe only now: a processor halted before it entered run() would stay halted for good.
            for (final BatchEventProcessor<PipelineEvent> processor : processors) {
                processor.halt();
            }
            for (final Future<?> future : running) {
                future.get(HALT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
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
                threads.joinAll(HALT_TIMEOUT_MILLIS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void start() {
        ringBuffer = RingBuffer.createSingleProducer(PipelineEvent::new, bufferSize, new SleepingWaitStrategy());
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();
        stepThree = new StepThreeHandler();
        final SequenceBarrier afterProducer = ringBuffer.newBarrier();
        final BatchEventProcessor<PipelineEvent> one = builder.build(ringBuffer, afterProducer, new StepOneHandler());
        final SequenceBarrier afterOne = ringBuffer.newBarrier(one.getSequence());
        final BatchEventProcessor<PipelineEvent> two = builder.build(ringBuffer, afterOne, new StepTwoHandler());
        final SequenceBarrier afterTwo = ringBuffer.newBarrier(two.getSequence());
        final BatchEventProcessor<PipelineEvent> three = builder.build(ringBuffer, afterTwo, stepThree);
        ringBuffer.addGatingSequences(three.getSequence());
        processors = List.of(one, two, three);
        threads = new MeasuredThreadFactory(NAME);
        executor = Executors.newFixedThreadPool(processors.size(), threads);
    }

    private static final class StepOneHandler implements EventHandler<PipelineEvent> {
        @Override
        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch) {
            event.stepOneResult = PipelineWork.stepOne(event.value);
        }
    }

    private static final class StepTwoHandler implements EventHandler<PipelineEvent> {
        @Override
        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch) {
            event.stepTwoResult = PipelineWork.stepTwo(event.stepOneResult);
        }
    }

    /**
     * Sums and counts a round; {@link #reset} is written by the producer before it publishes the round's first
     * element, so the ring's publication makes it visible here, and the latch makes the result visible back.
     */
    private static final class StepThreeHandler implements EventHandler<PipelineEvent> {
        long sum;
        long count;
        private long expected;
        private CountDownLatch done;

        void reset(final long expectedCount, final CountDownLatch latch) {
            sum = 0;
            count = 0;
            expected = expectedCount;
            done = latch;
        }

        @Override
        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch) {
            sum += event.stepTwoResult;
            if (++count == expected) {
                done.countDown();
            }
        }
    }
}
