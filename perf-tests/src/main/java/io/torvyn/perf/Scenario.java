package io.torvyn.perf;

import io.torvyn.perf.harness.RoundMetrics;

import java.util.List;

/**
 * One row of the perf suite: a pipeline that can push a given number of elements through itself and say how many
 * came out. The suite times {@link #run(long)}, measures the heap it allocates and compares rows run in the same JVM,
 * so every peer baseline and every engine flow is measured the same way (the Disruptor's habit of a plain-Java twin
 * for every scenario).
 *
 * <p>One instance runs every warm-up and measured round, one round at a time: {@link #prepare(long)} (not timed: build
 * the flow, compile its modules, allocate its pools), then {@link #run(long)} (timed: start, push, drain), then
 * {@link #metrics()} (what the round measured besides its rate). Threads the scenario starts should come from
 * {@link io.torvyn.perf.harness.MeasuredThreadFactory} so that their heap allocation is still counted if they end
 * during a round.
 */
public interface Scenario extends AutoCloseable {

    /** Stable row name, also used by {@code --only} and {@code --reference}; kebab-case by convention. */
    String name();

    /** The table section this row belongs to, e.g. "orchestration". */
    default String group() {
        return "";
    }

    /** What the row measures, in a few words, for the table's legend. */
    default String description() {
        return "";
    }

    /** Rows this one is compared with (ratio and ns/elem columns), its plain-Java twin first when it has one. */
    default List<String> references() {
        return List.of();
    }

    /**
     * Why this row cannot run in this build (a prerequisite that has not landed), or null when it can. The table then
     * says "n/a: why" instead of a number.
     */
    default String unavailable() {
        return null;
    }

    /** Elements per round for a suite asking {@code suiteEvents}: slow rows run fewer, at the same rate accuracy. */
    default long events(final long suiteEvents) {
        return suiteEvents;
    }

    /** Untimed set-up of the next round of {@code events} elements. */
    default void prepare(final long events) {
    }

    /**
     * Pushes {@code events} elements through the pipeline and returns once all of them have left it.
     *
     * @param events how many elements the source produces in this round
     * @return how many elements reached the end of the pipeline
     * @throws io.torvyn.engine.error.TorvynException if the pipeline's output does not verify
     */
    long run(long events);

    /** What the last round measured besides its rate (copies per element, latency percentiles). */
    default RoundMetrics metrics() {
        return RoundMetrics.NONE;
    }

    /** Stops whatever the scenario started; called once after the last round. */
    @Override
    default void close() {
    }
}
