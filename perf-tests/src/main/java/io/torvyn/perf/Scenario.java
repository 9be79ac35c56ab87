package io.torvyn.perf;

/**
 * One row of the perf suite: a pipeline that can push a given number of elements through itself and say how many
 * came out. The suite times {@link #run(long)}, measures the heap it allocates and compares rows run in the same JVM,
 * so every peer baseline and every engine flow is measured the same way (the Disruptor's habit of a plain-Java twin
 * for every scenario).
 *
 * <p>One instance runs every warm-up and measured round, one round at a time. Work that should not be timed (starting
 * threads, loading modules, allocating pools) belongs in the constructor or in the first {@code run}, which always
 * lands in a warm-up round. Threads the scenario starts should come from
 * {@link io.torvyn.perf.harness.MeasuredThreadFactory} so that their heap allocation is still counted if they end
 * during a round.
 */
public interface Scenario extends AutoCloseable {

    /** Stable row name, also used by {@code --only} and {@code --reference}; kebab-case by convention. */
    String name();

    /**
     * Pushes {@code events} elements through the pipeline and returns once all of them have left it.
     *
     * @param events how many elements the source produces in this round
     * @return how many elements reached the end of the pipeline
     * @throws io.torvyn.engine.error.TorvynException if the pipeline's output does not verify
     */
    long run(long events);

    /** Stops whatever the scenario started; called once after the last round. */
    @Override
    default void close() {
    }
}
