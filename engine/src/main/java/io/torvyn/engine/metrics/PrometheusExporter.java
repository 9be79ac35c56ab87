package io.torvyn.engine.metrics;

import com.sun.net.httpserver.HttpServer;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.RunSummary;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Serves a run's metrics at {@code http://HOST:PORT/metrics} in the Prometheus text format (`[observability]
 * prometheus`). Figures are computed from the run's single-writer counters when a scrape arrives, on the exporter's
 * own thread, so the data path pays nothing for it. Names are those of spec/observability.md with `.` replaced by `_`
 * and a `torvyn_` prefix; labels are `flow`, `node`, `stream` and `tier`.
 */
public final class PrometheusExporter implements AutoCloseable {
    private final HttpServer server;

    private PrometheusExporter(final HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code summary} snapshots at {@code hostPort} ("127.0.0.1:9404"). */
    public static PrometheusExporter start(final String hostPort, final Supplier<RunSummary> summary,
                                           final ThreadFactory threads) {
        final int colon = hostPort.lastIndexOf(':');
        final String host = hostPort.substring(0, colon);
        final int port = Integer.parseInt(hostPort.substring(colon + 1));
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 8);
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot serve metrics on " + hostPort + ": " + e,
                "[observability] prometheus", "choose a free port, or set prometheus = \"off\""), e);
        }
        server.createContext("/metrics", exchange -> {
            final byte[] body = render(summary.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(threads));
        server.start();
        return new PrometheusExporter(server);
    }

    /** The text exposition of one summary. */
    public static String render(final RunSummary s) {
        final StringBuilder sb = new StringBuilder(4096);
        final String flow = "flow=\"" + escape(s.flow()) + "\"";
        gauge(sb, "flow_elements_total", "counter", flow, s.elements());
        gauge(sb, "flow_elements_errors", "counter", flow, s.errors());
        gauge(sb, "flow_bytes_total", "counter", flow, s.bytes());
        gauge(sb, "flow_copies_total", "counter", flow, s.copies());
        gauge(sb, "flow_copies_bytes", "counter", flow, s.copyBytes());
        gauge(sb, "flow_copy_amplification", "gauge", flow, s.bytes() == 0 ? 0 : (double) s.copyBytes() / s.bytes());
        gauge(sb, "memory_offheap", "gauge", flow, s.poolBytes());
        gauge(sb, "memory_heap", "gauge", flow, s.heapBytes());
        for (final RunSummary.NodeSummary n : s.nodes()) {
            final String l = flow + ",node=\"" + escape(n.node()) + "\"";
            gauge(sb, "component_invocations", "counter", l, n.invocations());
            gauge(sb, "component_errors", "counter", l, n.errors());
            gauge(sb, "component_fuel_consumed", "counter", l, n.fuel());
            gauge(sb, "component_copies_total", "counter", l, n.copies());
            gauge(sb, "component_copies_bytes", "counter", l, n.copyBytes());
            gauge(sb, "resource_leaked", "counter", l, n.leaked());
        }
        for (final RunSummary.StreamSummary st : s.streams()) {
            final String l = flow + ",stream=\"" + escape(st.stream()) + "\"";
            gauge(sb, "stream_elements_transferred", "counter", l, st.transferred());
            gauge(sb, "stream_queue_peak_depth", "gauge", l, st.peakDepth());
            gauge(sb, "stream_queue_capacity", "gauge", l, st.capacity());
            gauge(sb, "stream_backpressure_events", "counter", l, st.backpressureEvents());
            gauge(sb, "stream_backpressure_duration_ns", "counter", l, st.backpressureNs());
            gauge(sb, "stream_dropped", "counter", l, st.dropped());
        }
        for (final RunSummary.TierSummary t : s.tiers()) {
            final String l = flow + ",tier=\"" + escape(t.tier()) + "\"";
            gauge(sb, "pool_capacity", "gauge", l, t.capacity());
            gauge(sb, "pool_available", "gauge", l, t.available());
            gauge(sb, "pool_allocated", "counter", l, t.allocated());
            gauge(sb, "pool_returned", "counter", l, t.returned());
            gauge(sb, "pool_reuse_rate", "gauge", l, t.reuseRate());
            gauge(sb, "pool_fallback_count", "counter", l, t.fallback());
            gauge(sb, "pool_exhaustion_events", "counter", l, t.exhaustionEvents());
        }
        return sb.toString();
    }

    private static void gauge(final StringBuilder sb, final String name, final String type, final String labels,
                              final double value) {
        final String full = "torvyn_" + name;
        if (sb.indexOf("# TYPE " + full + " ") < 0) {
            sb.append("# TYPE ").append(full).append(' ').append(type).append('\n');
        }
        sb.append(full).append('{').append(labels).append("} ");
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            sb.append((long) value);
        } else {
            sb.append(String.format(Locale.ROOT, "%.6g", value));
        }
        sb.append('\n');
    }

    private static String escape(final String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
