package io.torvyn.engine.runtime;

import io.torvyn.engine.config.TorvynConfig;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.torvyn.engine.runtime.FlowHarness.edges;
import static io.torvyn.engine.runtime.FlowHarness.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `[observability] prometheus = "HOST:PORT"` serves the spec's metric names while the flow runs. */
class PrometheusEndpointTest {

    @Test
    void servesTheRunsMetricsInTextFormat() throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        final TorvynConfig cfg = FlowHarness.config("[observability]\nprometheus = \"127.0.0.1:" + port + "\"\n"
            + node("gen", "builtin:generator", "{\"size\":16,\"rate\":5000}") + node("out", "builtin:null", null)
            + edges("gen", "out"), null);
        final FlowRun run = Flows.prepare(cfg, null, new RunOptions(-1, 0));
        run.start();
        try {
            Thread.sleep(300);
            final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            final String body = r.body();
            assertTrue(body.contains("# TYPE torvyn_flow_elements_total counter"), body);
            assertTrue(body.contains("torvyn_stream_queue_capacity{flow=\"main\",stream=\"gen->out\"} 64"), body);
            assertTrue(body.contains("torvyn_pool_capacity{flow=\"main\",tier=\"small\"} 4096"), body);
            assertTrue(body.contains("torvyn_component_copies_total{flow=\"main\",node=\"gen\"} "), body);
            assertTrue(body.matches("(?s).*torvyn_flow_copies_total\\{flow=\"main\"} [1-9][0-9]*\n.*"), body);
        } finally {
            run.cancel();
            run.await(10_000_000_000L);
            run.close();
        }
    }
}
