package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.config.Units;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.journal.RunJournal;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.runtime.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** `torvyn run`: runs a flow to its end (or `--limit` / `--timeout` / Ctrl-C, each drained) and prints a summary. */
@Command(name = "run", description = "Run a flow; a live progress line on a terminal, a summary at the end.")
final class RunCommand implements Callable<Integer> {
    private static final int EXIT_INTERRUPTED = 130;

    @Mixin
    GlobalOptions global;

    @Option(names = "--flow", description = "flow to run (default: the first one)")
    String flow;

    @Option(names = "--limit", description = "stop the sources after N elements in total, then drain")
    long limit = -1;

    @Option(names = "--timeout", description = "stop and drain after this long (e.g. 30s); fails with E0400")
    String timeout;

    @Option(names = "--config", description = "override a key: key.path=value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final PrintStream err = System.err;
        final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), overrides);
        for (final String w : loaded.warnings()) {
            err.println("warning: " + w);
        }
        if (!loaded.problems().isEmpty()) {
            loaded.problems().forEach(p -> Output.problem(err, p));
            return CheckCommand.exitCode(loaded.problems());
        }
        final TorvynConfig config = loaded.config();
        final long timeoutNs;
        try {
            timeoutNs = timeout == null ? 0 : Units.parseDuration(timeout);
        } catch (final IllegalArgumentException e) {
            Output.problem(err, new Problem(ErrorCode.E0702, "--timeout: expected a duration such as 30s, found `"
                + timeout + "`", "command line", "use ns, us, ms, s or m, e.g. --timeout 30s"));
            return 2;
        }
        final FlowRun run;
        try {
            run = Flows.prepare(config, flow, new RunOptions(limit, timeoutNs));
        } catch (final TorvynException e) {
            Output.problem(err, e.problem());
            return e.code().exitCode();
        }
        final AtomicBoolean interrupted = new AtomicBoolean();
        installInterruptHandler(run, interrupted);
        final boolean live = System.console() != null && !global.quiet && !global.json();
        final RunSummary[] summaryHolder = new RunSummary[1];
        try {
            run.start();
            run.warnings().forEach(w -> err.println("warning: " + w));
            if (!global.quiet) {
                err.println("running flow " + run.topology().flowName() + " (" + run.topology().nodes().size()
                    + " nodes, " + run.topology().edges().size() + " streams); Ctrl-C drains and stops");
            }
            while (!run.await(live ? 250_000_000L : 1_000_000_000L)) {
                if (live) {
                    err.print("\r" + progress(run.summary()));
                    err.flush();
                }
            }
            if (live) {
                err.print("\r\033[K");
            }
        } finally {
            summaryHolder[0] = run.summary();
            run.close();
        }
        final RunSummary summary = summaryHolder[0];
        final int exit = interrupted.get() ? EXIT_INTERRUPTED : summary.exitCode();
        if (global.json()) {
            final ObjectNode doc = json(summary, exit);
            if (run.journal() != null) {
                doc.putObject("journal").put("path", run.journal().directory().toString())
                    .put("records", run.journal().records()).put("bytes", run.journal().bytes())
                    .put("backpressure_events", run.journal().backpressureEvents());
            }
            System.out.println(Output.JSON.writeValueAsString(doc));
        } else {
            printSummary(summary, exit, run.journal(), run.placementNote());
        }
        return exit;
    }

    private static void installInterruptHandler(final FlowRun run, final AtomicBoolean interrupted) {
        try {
            Signal.handle(new Signal("INT"), sig -> {
                if (interrupted.getAndSet(true)) {
                    System.exit(EXIT_INTERRUPTED);
                }
                run.cancel();
            });
        } catch (final IllegalArgumentException e) {
            // no SIGINT on this platform: Ctrl-C ends the JVM the default way
        }
    }

    private static String progress(final RunSummary s) {
        return String.format("%s  %s elements  %s  errors %d  backpressure %d  copies %s",
            Output.seconds(s.durationSeconds()), Output.count(s.elements()), Output.rate(s.elementsPerSecond()),
            s.errors(), s.backpressureEvents(), Output.count(s.copies()));
    }

    private void printSummary(final RunSummary s, final int exit, final RunJournal journal, final String placement) {
        final PrintStream out = System.out;
        if (s.outcome() != null && exit != 0) {
            Output.problem(System.err, s.outcome());
        }
        s.warnings().forEach(w -> System.err.println("warning: " + w));
        final String status = exit == 0 ? "finished" : exit == EXIT_INTERRUPTED ? "interrupted" : "failed";
        out.println("flow " + s.flow() + " " + status + " in " + Output.seconds(s.durationSeconds()));
        out.println("  elements      " + Output.count(s.elements()) + " (" + Output.rate(s.elementsPerSecond()) + ")");
        out.println("  errors        " + Output.count(s.errors()) + "   dropped " + Output.count(s.dropped()));
        out.println("  copies        " + Output.count(s.copies()) + " (" + Output.bytes(s.copyBytes()) + ")");
        if (global.verbose || s.copies() > 0) {
            for (final RunSummary.NodeSummary n : s.nodes()) {
                if (n.copies() > 0) {
                    out.println("    " + pad(n.node(), 14) + Output.count(n.copies()) + " copies, "
                        + Output.bytes(n.copyBytes()) + "  (payload-read " + n.reads() + ", payload-write "
                        + n.writes() + ", host-clone " + n.clones() + ")");
                }
            }
        }
        out.println("  backpressure  " + Output.count(s.backpressureEvents()) + " events");
        if (global.verbose || s.backpressureEvents() > 0) {
            for (final RunSummary.StreamSummary st : s.streams()) {
                out.println("    " + pad(st.stream(), 24) + st.backpressureEvents() + " events, "
                    + String.format("%.1f ms", st.backpressureNs() / 1e6) + " stalled, peak " + st.peakDepth() + "/"
                    + st.capacity() + (st.dropped() > 0 ? ", dropped " + st.dropped() : ""));
            }
        }
        out.println("  peak memory   " + Output.bytes(s.peakMemoryBytes()) + " (pools " + Output.bytes(s.poolBytes())
            + ", Wasm memories " + Output.bytes(s.wasmBytes()) + ", heap " + Output.bytes(s.heapBytes()) + ")");
        if (global.verbose && placement != null) {
            out.println("  " + placement);
        }
        if (journal != null) {
            out.println("  journal       " + journal.directory() + " (" + Output.count(journal.records()) + " records, "
                + Output.bytes(journal.bytes()) + (journal.backpressureEvents() > 0 ? ", stages waited for it "
                + Output.count(journal.backpressureEvents()) + " times" : "") + ")");
        }
    }

    private static String pad(final String s, final int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    static ObjectNode json(final RunSummary s, final int exit) {
        final ObjectNode doc = Output.JSON.createObjectNode();
        doc.put("flow", s.flow());
        doc.put("elements", s.elements());
        doc.put("bytes", s.bytes());
        doc.put("errors", s.errors());
        doc.put("dropped", s.dropped());
        doc.put("copies", s.copies());
        doc.put("copy_bytes", s.copyBytes());
        doc.put("backpressure_events", s.backpressureEvents());
        doc.put("duration_s", s.durationSeconds());
        doc.put("elements_per_s", s.elementsPerSecond());
        doc.put("peak_memory_bytes", s.peakMemoryBytes());
        doc.put("exit_code", exit);
        if (s.outcome() != null && exit != 0) {
            doc.putObject("error").put("code", s.outcome().code().name()).put("message", s.outcome().message());
        }
        doc.put("pools_full", s.poolsFull());
        final ArrayNode nodes = doc.putArray("nodes");
        for (final RunSummary.NodeSummary n : s.nodes()) {
            nodes.addObject().put("node", n.node()).put("role", n.role().name().toLowerCase())
                .put("invocations", n.invocations()).put("elements_in", n.elementsIn())
                .put("elements_out", n.elementsOut()).put("errors", n.errors()).put("dropped", n.dropped())
                .put("copies", n.copies()).put("copy_bytes", n.copyBytes()).put("payload_read", n.reads())
                .put("payload_write", n.writes()).put("host_clone", n.clones()).put("leaked", n.leaked());
        }
        final ArrayNode streams = doc.putArray("streams");
        for (final RunSummary.StreamSummary st : s.streams()) {
            streams.addObject().put("stream", st.stream()).put("transferred", st.transferred())
                .put("queue_peak", st.peakDepth()).put("capacity", st.capacity())
                .put("backpressure_events", st.backpressureEvents()).put("backpressure_ns", st.backpressureNs())
                .put("dropped", st.dropped());
        }
        final ArrayNode tiers = doc.putArray("pools");
        for (final RunSummary.TierSummary t : s.tiers()) {
            tiers.addObject().put("tier", t.tier()).put("buffer_size", t.bufferSize()).put("capacity", t.capacity())
                .put("available", t.available()).put("allocated", t.allocated()).put("fallback", t.fallback())
                .put("exhaustion_events", t.exhaustionEvents()).put("reuse_rate", t.reuseRate());
        }
        final ArrayNode warnings = doc.putArray("warnings");
        s.warnings().forEach(warnings::add);
        return doc;
    }
}
