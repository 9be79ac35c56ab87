package io.torvyn.perf.baseline;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

/**
 * The work both three-step baselines do, in one place so the Disruptor pipeline and its queue twin cannot drift
 * apart. The producer emits the values {@code 0 .. events-1} of a round; step one adds a constant operand, step two
 * adds three, step three sums what it receives. Each step depends on the previous one's output, and the final sum
 * has a closed form, so a round can be verified exactly without a second pass over the data and the JIT cannot drop
 * any step.
 */
public final class PipelineWork {

    /** Added by step one (the Disruptor's pipeline test adds a second operand here too). */
    public static final long OPERAND = 777L;

    /** Added by step two. */
    public static final long INCREMENT = 3L;

    private PipelineWork() {
    }

    public static long stepOne(final long value) {
        return value + OPERAND;
    }

    public static long stepTwo(final long stepOneResult) {
        return stepOneResult + INCREMENT;
    }

    /**
     * The sum step three must reach after one round: Σ (i + OPERAND + INCREMENT) for i in [0, events), computed
     * modulo 2^64 exactly as the pipeline's own {@code long} additions wrap.
     */
    public static long expectedSum(final long events) {
        final long triangle = (events & 1L) == 0 ? (events >>> 1) * (events - 1) : events * ((events - 1) >>> 1);
        return triangle + events * (OPERAND + INCREMENT);
    }

    /**
     * Fails the round unless step three saw exactly {@code events} elements summing to {@link #expectedSum(long)}.
     *
     * @throws TorvynException {@code E0900} naming the scenario, expected and found values
     */
    public static void verify(final String scenario, final long events, final long processed, final long sum) {
        if (processed != events) {
            throw mismatch(scenario, "processed " + processed + " elements, expected " + events);
        }
        final long expected = expectedSum(events);
        if (sum != expected) {
            throw mismatch(scenario, "final sum " + sum + ", expected " + expected + " after " + events + " elements");
        }
    }

    private static TorvynException mismatch(final String scenario, final String message) {
        return new TorvynException(ErrorCode.E0900, message, "perf scenario " + scenario,
            "a stage lost or repeated elements across threads; this is a bug in the scenario, not noise");
    }
}
