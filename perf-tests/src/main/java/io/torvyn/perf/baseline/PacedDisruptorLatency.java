package io.torvyn.perf.baseline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.engine.FlowScenario;
import io.torvyn.perf.harness.MeasuredThreadFactory;
import io.torvyn.perf.harness.RoundMetrics;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The plain-Java twin of the paced engine rows: the Disruptor three-step pipeline of
 * {@link DisruptorPipelineBaseline} fed at a fixed rate, measuring end-to-end latency the way the engine does — from
 * each element's <em>intended</em> send time (start + i × period), so a stalled producer cannot hide the wait of the
 * elements behind it (coordinated omission).
 *
 * <pre>{@code
 * P1 (paced: element i due at start + i/rate) ──► RB ──► EP1 ──► EP2 ──► EP3: record(now − intended_i)
 * }</pre>
 * The first quarter of each round is not recorded, as in the engine rows. The producer parks until each element is
 * due (it does not spin, like the engine's paced generator, whose worker idles between elements); same ring size and
 * sleeping wait strategy as the unpaced baseline, so the twin and the engine's default wait strategy meet the same
 * idle behaviour.
 */
public final class PacedDisruptorLatency implements Scenario {

    private static final long HALT_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final String group;
    private final long rate;
    private final long maxEvents;
    private final int bufferSize;
    private RingBuffer<PipelineEvent> ring;
    private List<BatchEventProcessor<PipelineEvent>> processors;
    private Recorder recorder;
    private ExecutorService executor;
    private MeasuredThreadFactory threads;
    private RoundMetrics metrics = RoundMetrics.NONE;

    /**
     * @param rate      elements per second
     * @param maxEvents most elements per round (rounds last at most {@code maxEvents / rate} seconds)
     */
    public PacedDisruptorLatency(final String name, final String group, final long rate, final long maxEvents,
                                 final int bufferSize) {
        this.name = name;
        this.group = group;
        this.rate = rate;
        this.maxEvents = maxEvents;
        this.bufferSize = bufferSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String description() {
        return "plain-Java twin: Disruptor 3-step pipeline paced at " + rate + " elem/s, latency from intended time";
    }

    @Override
    public long events(final long suiteEvents) {
        return Math.max(1, Math.min(maxEvents, suiteEvents / 20));
    }

    @Override
    public long run(final long events) {
        if (ring == null) {
            start();
        }
        final CountDownLatch done = new CountDownLatch(1);
        recorder.reset(events, done);
        final Future<?>[] running = new Future<?>[processors.size()];
        for (int i = 0; i < running.length; i++) {
            running[i] = executor.submit(processors.get(i));
        }
        final long period = 1_000_000_000L / rate;
        final long start = System.nanoTime();
        for (long i = 0; i < events; i++) {
            final long intended = start + i * period;
            long now = System.nanoTime();
            while (now < intended) {
                LockSupport.parkNanos(intended - now);
                now = System.nanoTime();
            }
            final long sequence = ring.next();
            final PipelineEvent e = ring.get(sequence);
            e.value = i;
            e.intendedNs = intended;
            ring.publish(sequence);
        }
        try {
            done.await();
            for (final BatchEventProcessor<PipelineEvent> p : processors) {
                p.halt();
            }
            for (final Future<?> f : running) {
                f.get(HALT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (final Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(name + " did not complete a round", e);
        }
        final Histogram h = recorder.histogram;
        metrics = new RoundMetrics(Double.NaN, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
            h.getValueAtPercentile(99.9));
        return recorder.count;
    }

    @Override
    public RoundMetrics metrics() {
        return metrics;
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
        ring = RingBuffer.createSingleProducer(PipelineEvent::new, bufferSize, new SleepingWaitStrategy());
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();
        recorder = new Recorder();
        final SequenceBarrier b0 = ring.newBarrier();
        final BatchEventProcessor<PipelineEvent> one = builder.build(ring, b0,
            (e, s, end) -> e.stepOneResult = PipelineWork.stepOne(e.value));
        final BatchEventProcessor<PipelineEvent> two = builder.build(ring, ring.newBarrier(one.getSequence()),
            (e, s, end) -> e.stepTwoResult = PipelineWork.stepTwo(e.stepOneResult));
        final BatchEventProcessor<PipelineEvent> three = builder.build(ring, ring.newBarrier(two.getSequence()),
            recorder);
        ring.addGatingSequences(three.getSequence());
        processors = List.of(one, two, three);
        threads = new MeasuredThreadFactory(name);
        executor = Executors.newFixedThreadPool(processors.size(), threads);
    }

    /** The last step: latency from intended time into a pre-sized histogram (no allocation while recording). */
    private static final class Recorder implements EventHandler<PipelineEvent> {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        long count;
        private long expected;
        private CountDownLatch done;

        private long skip;

        void reset(final long expectedCount, final CountDownLatch latch) {
            histogram.reset();
            count = 0;
            expected = expectedCount;
            skip = expectedCount / FlowScenario.WARM_UP_SHARE;
            done = latch;
        }

        @Override
        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch) {
            if (count >= skip) {
                histogram.recordValue(Math.max(0, System.nanoTime() - event.intendedNs));
            }
            if (++count == expected) {
                done.countDown();
            }
        }
    }
}
