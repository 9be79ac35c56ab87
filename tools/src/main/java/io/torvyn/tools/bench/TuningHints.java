package io.torvyn.tools.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bench result the way a tuning guide would and names the knob for each finding:
 * <ul>
 *   <li>the likely bottleneck: the node with the highest p50 processing time;</li>
 *   <li>a pool tier whose reuse rate is below {@link #MIN_REUSE}: raise that tier's {@code count};</li>
 *   <li>a stream full for at least {@link #BACKPRESSURE_SHARE} of the window whose consumer is not itself held up by
 *       a full output (so the stall starts there): a slow consumer, named, or a {@code queue_depth} too small for
 *       bursts;</li>
 *   <li>a stage with more than {@link #MAX_COPIES_PER_ELEMENT} copies per element: payload reads a filter does not
 *       need ({@code torvyn_metadata_only}, or decide on metadata);</li>
 *   <li>a Wasm node whose calls burn more than {@link #FUEL_SHARE} of {@code fuel_per_invocation} on average.</li>
 * </ul>
 */
public final class TuningHints {
    public static final double MIN_REUSE = 0.80;
    public static final double BACKPRESSURE_SHARE = 0.10;
    public static final double MAX_COPIES_PER_ELEMENT = 2.0;
    public static final double FUEL_SHARE = 0.80;
    /** Copies and elements are read a moment apart at the window's edges: 2.004 per element is still 2. */
    private static final double BOUNDARY_SLACK = 0.01;

    private TuningHints() {
    }

    public static List<Hint> of(final BenchResult r, final BenchDetails d) {
        final List<Hint> hints = new ArrayList<>();
        final BenchResult.Component bottleneck = bottleneck(r);
        if (bottleneck != null) {
            hints.add(new Hint(Hint.Kind.BOTTLENECK, bottleneck.node(), String.format(Locale.ROOT,
                "likely bottleneck: `%s` has the highest median processing time (p50 %s, p99 %s per element)",
                bottleneck.node(), Numbers.nanos(bottleneck.p50Ns()), Numbers.nanos(bottleneck.p99Ns()))));
        }
        poolHints(r, d, hints);
        backpressureHints(r, d, hints);
        copyHints(r, d, hints);
        fuelHints(r, d, hints);
        return hints;
    }

    /** The node with the highest p50 processing time, or null when none was measured. */
    public static BenchResult.Component bottleneck(final BenchResult r) {
        BenchResult.Component worst = null;
        for (final BenchResult.Component c : r.components()) {
            if (c.p50Ns() != null && (worst == null || c.p50Ns() > worst.p50Ns())) {
                worst = c;
            }
        }
        return worst;
    }

    private static void poolHints(final BenchResult r, final BenchDetails d, final List<Hint> hints) {
        for (final Map.Entry<String, Double> e : r.resources().poolReuseRate().entrySet()) {
            final Double rate = e.getValue();
            if (rate == null || rate >= MIN_REUSE) {
                continue;
            }
            final String tier = e.getKey();
            final Integer count = d.tierCounts().get(tier);
            final Long fallback = r.resources().fallback().get(tier);
            hints.add(new Hint(Hint.Kind.POOL_SIZE, tier, String.format(Locale.ROOT,
                "pool tier `%s` served only %.1f %% of its allocations from recycled buffers (%s fallback "
                    + "allocations): raise [runtime.pools] %s count%s",
                tier, rate * 100, fallback == null ? "?" : Numbers.count(fallback), tier,
                count == null ? "" : " (now " + count + ", e.g. to " + count * 2 + ")")));
        }
    }

    private static void backpressureHints(final BenchResult r, final BenchDetails d, final List<Hint> hints) {
        final double windowNs = r.durationS() * 1e9;
        if (windowNs <= 0) {
            return;
        }
        final Set<String> heldUp = new HashSet<>();
        for (final BenchResult.StreamFigures s : r.scheduling().streams()) {
            if (frequent(s, windowNs)) {
                heldUp.add(producerOf(s.stream()));
            }
        }
        for (final BenchResult.StreamFigures s : r.scheduling().streams()) {
            if (!frequent(s, windowNs)) {
                continue;
            }
            final String consumer = d.consumers().getOrDefault(s.stream(), consumerOf(s.stream()));
            if (heldUp.contains(consumer)) {
                continue;
            }
            final BenchResult.Component c = r.component(consumer);
            final String speed = c == null || c.p50Ns() == null ? ""
                : " (p50 " + Numbers.nanos(c.p50Ns()) + " per element)";
            hints.add(new Hint(Hint.Kind.BACKPRESSURE, s.stream(), String.format(Locale.ROOT,
                "stream `%s` was full for %.0f %% of the window (%s backpressure events): its consumer `%s` does "
                    + "not keep up%s; make it faster or give it more CPU (its worker may run other stages too), or "
                    + "if the stalls come in bursts raise queue_depth on this edge (now %d)",
                s.stream(), 100.0 * s.backpressureNs() / windowNs, Numbers.count(s.backpressureEvents()), consumer,
                speed, s.capacity())));
        }
    }

    private static boolean frequent(final BenchResult.StreamFigures s, final double windowNs) {
        return s.backpressureEvents() > 0 && s.backpressureNs() >= BACKPRESSURE_SHARE * windowNs;
    }

    private static String producerOf(final String label) {
        final String from = label.substring(0, Math.max(0, label.indexOf("->")));
        final int port = from.indexOf(':');
        return port < 0 ? from : from.substring(0, port);
    }

    private static String consumerOf(final String label) {
        final int arrow = label.indexOf("->");
        return arrow < 0 ? label : label.substring(arrow + 2);
    }

    private static void copyHints(final BenchResult r, final BenchDetails d, final List<Hint> hints) {
        for (final BenchResult.Component c : r.components()) {
            if (c.copiesPerElement() == null || c.copiesPerElement() <= MAX_COPIES_PER_ELEMENT + BOUNDARY_SLACK) {
                continue;
            }
            hints.add(new Hint(Hint.Kind.COPIES, c.node(), String.format(Locale.ROOT,
                "`%s` makes %.2f payload copies per element (%s in the window): it reads payloads it may not need; a "
                    + "filter or router should decide on metadata (size, content type) and export "
                    + "torvyn_metadata_only so the host stages no payload", c.node(), c.copiesPerElement(),
                Numbers.count(c.copies()))));
        }
    }

    private static void fuelHints(final BenchResult r, final BenchDetails d, final List<Hint> hints) {
        for (final BenchResult.Component c : r.components()) {
            final Long limit = d.fuelLimits().get(c.node());
            if (c.fuelPerCall() == null || limit == null || limit <= 0 || c.fuelPerCall() <= FUEL_SHARE * limit) {
                continue;
            }
            hints.add(new Hint(Hint.Kind.FUEL, c.node(), String.format(Locale.ROOT,
                "`%s` burns %s fuel per call, %.0f %% of its fuel_per_invocation (%s): calls are close to E0401; "
                    + "raise fuel_per_invocation for this node", c.node(), Numbers.count(Math.round(c.fuelPerCall())),
                100 * c.fuelPerCall() / limit, Numbers.count(limit))));
        }
    }
}
