package io.torvyn.tools.bench;

/**
 * One stream's counters at one instant, or between two.
 *
 * @param transferred        elements published onto the stream
 * @param backpressureEvents times the producer found it full (`stream.backpressure.events`)
 * @param backpressureNs     time spent full, a stall in progress counted up to the instant
 * @param dropped            elements a drop policy discarded
 */
public record StreamCounters(long transferred, long backpressureEvents, long backpressureNs, long dropped) {
    public static final StreamCounters ZERO = new StreamCounters(0, 0, 0, 0);

    public StreamCounters minus(final StreamCounters o) {
        return new StreamCounters(transferred - o.transferred, backpressureEvents - o.backpressureEvents,
            backpressureNs - o.backpressureNs, dropped - o.dropped);
    }

    public StreamCounters plus(final StreamCounters o) {
        return new StreamCounters(transferred + o.transferred, backpressureEvents + o.backpressureEvents,
            backpressureNs + o.backpressureNs, dropped + o.dropped);
    }
}
