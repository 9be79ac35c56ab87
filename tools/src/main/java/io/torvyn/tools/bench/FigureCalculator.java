package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.ObservabilityLevel;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.Topology;
import io.torvyn.engine.topology.TopologyEdge;
import io.torvyn.engine.topology.TopologyNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link MeasuredWindow} into the figures of the bench report. Every figure is a plain function of the
 * window's counters, histograms and peaks (documented at each field of {@link BenchResult}); one that cannot be
 * computed is null with its reason recorded under the figure's JSON path.
 */
public final class FigureCalculator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TorvynConfig config;
    private final MeasuredWindow window;
    private final Topology topology;
    private final Map<String, String> nullReasons = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private FigureCalculator(final TorvynConfig config, final MeasuredWindow window) {
        this.config = config;
        this.window = window;
        this.topology = window.topology();
    }

    /**
     * The figures of {@code window}.
     *
     * @param identity name, creation time, machine and config hash of this result
     * @param warmupNs the warm-up that was asked for
     */
    public static BenchOutcome compute(final TorvynConfig config, final MeasuredWindow window,
                                       final Identity identity, final long warmupNs) {
        return new FigureCalculator(config, window).compute(identity, warmupNs);
    }

    /** Who and where a result is: the fields of the bench JSON that are not measured. */
    public record Identity(String name, String created, BenchResult.Machine machine, String configSha256) {
    }

    private BenchOutcome compute(final Identity id, final long warmupNs) {
        final CounterSnapshot c = window.measuredAnything() ? window.counters() : null;
        final String nothing = c == null ? nothingMeasuredReason() : null;
        final double seconds = window.measuredNs() / 1e9;
        long elements = 0;
        long produced = 0;
        if (c != null) {
            for (final TopologyNode n : topology.nodes()) {
                final NodeCounters nc = c.node(n.index());
                if (n.role() == Role.SINK) {
                    elements += nc.elementsIn() - nc.dropped();
                }
                if (n.role() == Role.SOURCE) {
                    produced += nc.writtenBytes();
                }
            }
        }
        final List<String> rateSources = rateLimitedSources();
        describeWindow(rateSources, warmupNs);
        final BenchResult.Throughput throughput = new BenchResult.Throughput(
            perSecond("throughput.elements_per_s", elements, seconds, nothing),
            perSecond("throughput.bytes_per_s", produced, seconds, nothing));
        final BenchResult.Latency latency = latency(window.latency(), nothing);
        final Histogram raw = window.uncorrectedLatency();
        final BenchResult.Latency uncorrected = rateSources.isEmpty() || raw.getTotalCount() == 0 ? null
            : percentiles(raw, null);
        final List<BenchResult.Component> components = components(c, nothing);
        final BenchResult.Resources resources = resources(c, produced, nothing);
        final BenchResult.Scheduling scheduling = scheduling(c, nothing);
        final BenchResult result = new BenchResult(BenchResult.SCHEMA, id.name(), id.created(), id.machine(),
            id.configSha256(), topology.flowName(), warmupNs / 1e9, seconds, elements, throughput, latency,
            components, resources, scheduling, Collections.unmodifiableMap(new LinkedHashMap<>(nullReasons)),
            List.copyOf(notes));
        return new BenchOutcome(result, details(rateSources, uncorrected), window.failure());
    }

    private String nothingMeasuredReason() {
        if (window.failure() != null) {
            return "nothing was measured: the flow failed during the warm-up (" + window.failure().code() + ")";
        }
        return "nothing was measured: the bench ended before the warm-up did";
    }

    private void describeWindow(final List<String> rateSources, final long warmupNs) {
        if (!rateSources.isEmpty()) {
            notes.add("latency is corrected for coordinated omission: measured from each element's intended emit "
                + "time on the fixed-rate source" + (rateSources.size() > 1 ? "s " : " ") + String.join(", ",
                rateSources));
        }
        if (window.runs() > 1 || window.runsEndedOnTheirOwn() > 0) {
            notes.add(String.format(Locale.ROOT, "the flow ends on its own, so it was run again and again: the "
                + "window spans %d run%s (%.3f s of running time; set-up between runs is not counted)",
                window.runs(), window.runs() == 1 ? "" : "s", window.measuredNs() / 1e9));
        }
        if (warmupNs == 0) {
            notes.add("no warm-up: figures include JIT compilation and first-touch costs");
        }
        notes.addAll(window.notes());
    }

    private Double perSecond(final String path, final long count, final double seconds, final String nothing) {
        if (nothing != null || seconds <= 0) {
            nullReasons.put(path, nothing != null ? nothing : "the measured window has no length");
            return null;
        }
        return count / seconds;
    }

    private BenchResult.Latency latency(final Histogram h, final String nothing) {
        if (nothing != null || h.getTotalCount() == 0) {
            final String why = nothing != null ? nothing : timed()
                ? "no element reached a sink in the measured window"
                : "observability.level = \"off\": latency is not recorded";
            for (final String p : new String[] {"p50", "p90", "p95", "p99", "p999", "max", "hdr"}) {
                nullReasons.put("latency_ns." + p, why);
            }
            return new BenchResult.Latency(null, null, null, null, null, null, null);
        }
        return percentiles(h, HdrCodec.encode(h));
    }

    private static BenchResult.Latency percentiles(final Histogram h, final String hdr) {
        return new BenchResult.Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(90),
            h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
            hdr);
    }

    private boolean timed() {
        return config.observability().level() != ObservabilityLevel.OFF;
    }

    private List<BenchResult.Component> components(final CounterSnapshot c, final String nothing) {
        final List<BenchResult.Component> list = new ArrayList<>();
        for (final TopologyNode n : topology.nodes()) {
            final String path = "components." + n.name() + ".";
            final NodeCounters nc = c == null ? NodeCounters.ZERO : c.node(n.index());
            final Histogram h = window.processingTime(n.index());
            Long p50 = null;
            Long p99 = null;
            if (h.getTotalCount() > 0) {
                p50 = h.getValueAtPercentile(50);
                p99 = h.getValueAtPercentile(99);
            } else {
                final String why = nothing != null ? nothing : timed()
                    ? "`" + n.name() + "` processed no element in the measured window"
                    : "observability.level = \"off\": processing time is not measured";
                nullReasons.put(path + "p50_ns", why);
                nullReasons.put(path + "p99_ns", why);
            }
            final long handled = n.role() == Role.SOURCE ? nc.elementsOut() : nc.elementsIn();
            Double perElement = null;
            if (handled > 0) {
                perElement = (double) nc.copies() / handled;
            } else {
                nullReasons.put(path + "copies_per_element", nothing != null ? nothing
                    : "no element passed through `" + n.name() + "` in the measured window");
            }
            list.add(new BenchResult.Component(n.name(), p50, p99, nc.invocations(), nc.errors(),
                fuelPerCall(n, nc, path, nothing), nc.copies(), nc.copyBytes(), perElement));
        }
        return list;
    }

    private Double fuelPerCall(final TopologyNode n, final NodeCounters nc, final String path, final String nothing) {
        final NodeConfig node = n.config();
        final String why;
        if (node.isBuiltin()) {
            why = "built-in (native Java) components run no Wasm and burn no fuel";
        } else if (node.fuelPerInvocation() == 0) {
            why = "fuel metering is off for `" + n.name() + "` (fuel_per_invocation = 0)";
        } else if (nothing != null) {
            why = nothing;
        } else if (nc.meteredCalls() == 0) {
            why = "`" + n.name() + "` was not called in the measured window";
        } else {
            return (double) nc.fuel() / nc.meteredCalls();
        }
        nullReasons.put(path + "fuel_per_call", why);
        return null;
    }

    private BenchResult.Resources resources(final CounterSnapshot c, final long produced, final String nothing) {
        final Map<String, Double> reuse = new LinkedHashMap<>();
        final Map<String, Long> fallback = new LinkedHashMap<>();
        final Map<String, Long> exhaustion = new LinkedHashMap<>();
        long allocations = 0;
        long copies = 0;
        long copyBytes = 0;
        final List<TierConfig> tiers = config.runtime().pools().tiers();
        for (int t = 0; t < tiers.size(); t++) {
            final String tier = tiers.get(t).name();
            final TierCounters tc = c == null ? TierCounters.ZERO : c.tier(t);
            allocations += tc.requests();
            if (tc.requests() > 0) {
                reuse.put(tier, (double) tc.pooled() / tc.requests());
            } else {
                reuse.put(tier, null);
                nullReasons.put("resources.pool_reuse_rate." + tier, nothing != null ? nothing
                    : "no buffer was asked of this tier in the measured window");
            }
            fallback.put(tier, tc.fallback());
            exhaustion.put(tier, tc.exhausted());
        }
        if (c != null) {
            for (int i = 0; i < c.nodeCount(); i++) {
                copies += c.node(i).copies();
                copyBytes += c.node(i).copyBytes();
            }
        }
        Double amplification = null;
        if (produced > 0) {
            amplification = (double) copyBytes / produced;
        } else {
            nullReasons.put("resources.copy_amplification", nothing != null ? nothing
                : "the sources produced no payload bytes in the measured window");
        }
        final BenchResult.PeakMemory peak = peakMemory(nothing);
        Long total = null;
        if (peak.pools() != null) {
            total = peak.pools() + peak.wasm() + peak.heap();
        } else {
            nullReasons.put("resources.peak_memory_bytes", nothing);
        }
        return new BenchResult.Resources(allocations, reuse, fallback, exhaustion, copies, copyBytes, amplification,
            total, peak);
    }

    private BenchResult.PeakMemory peakMemory(final String nothing) {
        if (nothing != null) {
            nullReasons.put("resources.peak_memory.wasm", nothing);
            nullReasons.put("resources.peak_memory.pools", nothing);
            nullReasons.put("resources.peak_memory.heap", nothing);
            return new BenchResult.PeakMemory(null, null, null);
        }
        return new BenchResult.PeakMemory(window.poolPeakBytes(), window.wasmPeakBytes(), window.heapPeakBytes());
    }

    private BenchResult.Scheduling scheduling(final CounterSnapshot c, final String nothing) {
        final List<BenchResult.StreamFigures> streams = new ArrayList<>();
        for (final TopologyEdge e : topology.edges()) {
            final StreamCounters sc = c == null ? StreamCounters.ZERO : c.stream(e.index());
            streams.add(new BenchResult.StreamFigures(e.label(), sc.backpressureEvents(), sc.backpressureNs(),
                window.queuePeak(e.index()), e.queueDepth()));
        }
        if (nothing != null) {
            nullReasons.put("scheduling.wakeups", nothing);
        }
        return new BenchResult.Scheduling(c == null ? null : c.wakeups(), streams);
    }

    private List<String> rateLimitedSources() {
        final List<String> sources = new ArrayList<>();
        for (final TopologyNode n : topology.nodes()) {
            if (n.role() == Role.SOURCE && "generator".equals(n.config().builtinKind()) && hasRate(n.config())) {
                sources.add(n.name());
            }
        }
        return sources;
    }

    private static boolean hasRate(final NodeConfig node) {
        if (node.config() == null || node.config().isBlank()) {
            return false;
        }
        try {
            final JsonNode rate = JSON.readTree(node.config()).get("rate");
            return rate != null && rate.isNumber() && rate.asDouble() > 0;
        } catch (final Exception e) {
            return false;
        }
    }

    private BenchDetails details(final List<String> rateSources, final BenchResult.Latency uncorrected) {
        final Map<String, String> roles = new LinkedHashMap<>();
        final Map<String, Long> fuel = new LinkedHashMap<>();
        for (final TopologyNode n : topology.nodes()) {
            roles.put(n.name(), n.role().name().toLowerCase(Locale.ROOT));
            if (!n.config().isBuiltin()) {
                fuel.put(n.name(), n.config().fuelPerInvocation());
            }
        }
        final Map<String, Integer> tiers = new LinkedHashMap<>();
        for (final TierConfig t : config.runtime().pools().tiers()) {
            tiers.put(t.name(), t.count());
        }
        final Map<String, String> consumers = new LinkedHashMap<>();
        for (final TopologyEdge e : topology.edges()) {
            consumers.put(e.label(), topology.node(e.toNode()).name());
        }
        return new BenchDetails(roles, fuel, tiers, consumers, rateSources, uncorrected, window.runs());
    }
}
