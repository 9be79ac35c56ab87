package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kawamuray.wasmtime.Engine;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.CpuAffinity;
import io.torvyn.engine.config.CpuLists;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.schedule.CorePlacement;
import io.torvyn.engine.schedule.HostCpus;
import io.torvyn.engine.schedule.LayoutAdvice;
import io.torvyn.engine.schedule.LayoutAdvisor;
import io.torvyn.engine.schedule.LayoutPlan;
import io.torvyn.engine.schedule.LayoutPlanner;
import io.torvyn.engine.schedule.ThreadPlacement;
import io.torvyn.engine.topology.Topology;
import io.torvyn.engine.topology.TopologyNode;
import io.torvyn.engine.wasm.WatCompiler;
import io.torvyn.engine.wasm.wasmtime.WasmtimeNativeLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `torvyn doctor`: is this machine ready, and how should a flow be laid out on it? Reports the JDK and whether the
 * Chronicle module flags are in effect, whether the Wasmtime native library loads, whether the C→wasm32 toolchain
 * (clang, wasm-ld) and wat2wasm are installed, the CPUs with their isolation and governor, and — with {@code --flow}
 * — the layout the flow's `[runtime]` gives here next to a recommended pinned layout. Missing tools are warnings,
 * unless {@code --require-toolchain} makes them E0010 (exit 4). `--config` overrides apply as for `run`, so a
 * benchmark script can ask what exactly its run will do.
 */
@Command(name = "doctor", description = "Check the environment (JDK and flags, Wasmtime, toolchain, cores and "
    + "isolation) and recommend a core layout for a flow.")
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--flow", description = "recommend a layout for this flow of the manifest")
    String flow;

    @Option(names = "--config", description = "override a key when reading the manifest: key.path=value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--require-toolchain", description = "a missing clang, wasm-ld or wat2wasm is an error (E0010)")
    boolean requireToolchain;

    @Override
    public Integer call() throws Exception {
        final List<Problem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final ObjectNode doc = Output.JSON.createObjectNode();
        jdk(doc, warnings);
        wasmtime(doc, warnings);
        toolchain(doc, warnings, problems);
        final MachineFacts machine = MachineFacts.detect();
        cpu(doc, machine, warnings);
        if (flow != null) {
            layout(doc, machine.cpus(), warnings, problems);
        }
        doc.put("ok", problems.isEmpty());
        final ArrayNode w = doc.putArray("warnings");
        warnings.forEach(w::add);
        final ArrayNode p = doc.putArray("problems");
        for (final Problem problem : problems) {
            p.addObject().put("code", problem.code().name()).put("message", problem.message())
                .put("where", problem.where()).put("help", problem.help());
        }
        if (global.json()) {
            System.out.println(Output.JSON.writeValueAsString(doc));
        } else {
            render(doc, System.out, System.err, problems);
        }
        return problems.isEmpty() ? 0 : CheckCommand.exitCode(problems);
    }

    private static void jdk(final ObjectNode doc, final List<String> warnings) {
        final JdkFacts jdk = JdkFacts.detect();
        final ObjectNode j = doc.putObject("jdk");
        j.put("version", jdk.version()).put("vendor", jdk.vendor()).put("vm", jdk.vmName()).put("home", jdk.home());
        j.put("chronicle_flags", jdk.chronicleFlagsActive());
        final ArrayNode missing = j.putArray("missing_flags");
        jdk.missingFlags().forEach(missing::add);
        j.put("chronicle_analytics_disabled", jdk.analyticsDisabled());
        final ArrayNode args = j.putArray("jvm_flags");
        jdk.inputArguments().forEach(args::add);
        if (!jdk.chronicleFlagsActive()) {
            warnings.add("the JVM lacks " + jdk.missingFlags().size() + " module flag(s) Chronicle needs ("
                + String.join(" ", jdk.missingFlags()) + "): use the torvyn launcher or scripts/jvm-options.sh");
        }
        if (!jdk.analyticsDisabled()) {
            warnings.add("-Dchronicle.analytics.disable=true is not set: Chronicle may try to phone home");
        }
    }

    private static void wasmtime(final ObjectNode doc, final List<String> warnings) {
        final ObjectNode w = doc.putObject("wasmtime");
        try {
            final String from = WasmtimeNativeLibrary.ensureLoaded();
            try (Engine engine = new Engine()) {
                w.put("loads", true).put("from", from);
            }
        } catch (final Throwable t) {
            w.put("loads", false).put("error", String.valueOf(t));
            warnings.add("the Wasmtime native library does not load (" + t + "): only wasm_engine = \"chicory\" "
                + "works here");
        }
    }

    private void toolchain(final ObjectNode doc, final List<String> warnings, final List<Problem> problems) {
        final ObjectNode t = doc.putObject("toolchain");
        final Path clang = onPath("clang");
        final Path wasmLd = onPath("wasm-ld");
        final Path wat2wasm = WatCompiler.locate();
        t.put("clang", clang == null ? null : clang.toString());
        t.put("wasm_ld", wasmLd == null ? null : wasmLd.toString());
        t.put("wat2wasm", wat2wasm == null ? null : wat2wasm.toString());
        final List<String> missing = new ArrayList<>();
        if (clang == null) {
            missing.add("clang");
        }
        if (wasmLd == null) {
            missing.add("wasm-ld");
        }
        if (wat2wasm == null) {
            missing.add("wat2wasm");
        }
        t.put("complete", missing.isEmpty());
        if (missing.isEmpty()) {
            return;
        }
        final String message = "missing " + String.join(", ", missing) + ": C components cannot be rebuilt"
            + (wat2wasm == null ? " and .wat modules cannot be compiled" : "");
        final String help = "install them with scripts/install-deps.sh --toolchain (Debian: clang lld wabt)";
        if (requireToolchain) {
            problems.add(new Problem(ErrorCode.E0010, message, "PATH", help));
        } else {
            warnings.add(message + " (" + help + ")");
        }
    }

    private static void cpu(final ObjectNode doc, final MachineFacts machine, final List<String> warnings) {
        final HostCpus cpus = machine.cpus();
        final ObjectNode c = doc.putObject("cpu");
        c.put("model", machine.cpuModel());
        c.put("cores", cpus.online().size());
        c.put("online", CpuLists.format(cpus.online()));
        c.put("available", cpus.available());
        c.put("allowed", CpuLists.format(cpus.allowed()));
        c.put("isolated", CpuLists.format(cpus.isolated()));
        c.put("nohz_full", CpuLists.format(cpus.nohzFull()));
        c.put("isolation", cpus.hasIsolation());
        c.put("governor", machine.governor());
        c.put("affinity_supported", CorePlacement.supported());
        c.put("kernel", machine.kernel());
        if (!cpus.hasIsolation()) {
            warnings.add("no isolated CPUs (isolcpus/nohz_full not set): pinned benchmarks share their cores with "
                + "the OS; expect noisier tails");
        }
        final String governor = machine.governor();
        if (governor != null && !"performance".equals(governor)) {
            warnings.add("CPU frequency governor is `" + governor + "`, not `performance`: rates and latencies vary "
                + "with frequency scaling");
        }
    }

    private void layout(final ObjectNode doc, final HostCpus host, final List<String> warnings,
                        final List<Problem> problems) {
        final ConfigResult loaded = ConfigLoader.load(global.manifest, System.getenv(), overrides);
        warnings.addAll(loaded.warnings());
        if (!loaded.problems().isEmpty()) {
            problems.addAll(loaded.problems());
            return;
        }
        final TorvynConfig config = loaded.config();
        final Topology topology;
        try {
            topology = Flows.topology(config, flow);
        } catch (final TorvynException e) {
            problems.add(e.problem());
            return;
        }
        final List<String> stages = new ArrayList<>();
        for (final TopologyNode n : topology.nodes()) {
            stages.add(n.name());
        }
        final ObjectNode f = doc.putObject("flow");
        f.put("name", topology.flowName());
        final ArrayNode s = f.putArray("stages");
        stages.forEach(s::add);
        final ObjectNode configured = f.putObject("configured");
        configured.put("mode", config.runtime().mode().key());
        configured.put("wait_strategy", config.runtime().waitStrategy().key());
        configured.put("worker_threads", config.runtime().workerThreads());
        configured.put("cpu_affinity", config.runtime().cpuAffinity().isSet()
            ? config.runtime().cpuAffinity().toToml() : null);
        try {
            configured.set("plan", plan(LayoutPlanner.plan(stages, config.runtime(), host)));
        } catch (final TorvynException e) {
            problems.add(e.problem());
        }
        final LayoutAdvice advice = LayoutAdvisor.recommend(stages, host);
        final ObjectNode r = f.putObject("recommended");
        r.put("mode", advice.mode().key());
        r.put("wait_strategy", advice.waitStrategy().key());
        r.put("cpu_affinity", advice.affinity().isSet() ? advice.affinity().toToml() : null);
        r.put("worker_cpu_cores", cpuList(advice.affinity()));
        r.put("housekeeping_cpu_cores", CpuLists.format(advice.plan().housekeepingCpus()));
        r.put("reason", advice.reason());
        r.put("toml", advice.toToml());
        r.set("plan", plan(advice.plan()));
    }

    private static String cpuList(final CpuAffinity affinity) {
        final List<Integer> cpus = affinity.isByNode() ? new ArrayList<>(affinity.byNode().values()) : affinity.cpus();
        final StringBuilder sb = new StringBuilder();
        for (final int cpu : cpus) {
            sb.append(sb.length() == 0 ? "" : ",").append(cpu);
        }
        return sb.toString();
    }

    static ObjectNode plan(final LayoutPlan plan) {
        final ObjectNode p = Output.JSON.createObjectNode();
        p.put("mode", plan.mode().key());
        p.put("pinned", plan.pinned());
        final ArrayNode threads = p.putArray("threads");
        for (final ThreadPlacement t : plan.threads()) {
            final ObjectNode o = threads.addObject().put("name", t.name());
            final ArrayNode st = o.putArray("stages");
            t.stages().forEach(st::add);
            if (t.pinned()) {
                o.put("cpu", t.cpu());
            } else {
                o.putNull("cpu");
            }
            o.put("wait_strategy", t.waitStrategy().key());
        }
        p.put("pinned_cpus", CpuLists.format(plan.pinnedCpus()));
        p.put("housekeeping_cpus", CpuLists.format(plan.housekeepingCpus()));
        final ArrayNode w = p.putArray("warnings");
        plan.warnings().forEach(w::add);
        p.put("summary", plan.describe());
        return p;
    }

    private void render(final ObjectNode doc, final PrintStream out, final PrintStream err,
                        final List<Problem> problems) {
        final ObjectNode jdk = (ObjectNode) doc.get("jdk");
        out.println("JDK        " + jdk.get("vm").asText() + " " + jdk.get("version").asText() + " ("
            + jdk.get("vendor").asText() + "), Chronicle flags "
            + (jdk.get("chronicle_flags").asBoolean() ? "active" : "MISSING"));
        final ObjectNode wasm = (ObjectNode) doc.get("wasmtime");
        out.println("Wasmtime   " + (wasm.get("loads").asBoolean()
            ? "native library loads (" + wasm.get("from").asText() + ")" : "native library does NOT load"));
        final ObjectNode tc = (ObjectNode) doc.get("toolchain");
        out.println("Toolchain  clang " + found(tc, "clang") + ", wasm-ld " + found(tc, "wasm_ld") + ", wat2wasm "
            + found(tc, "wat2wasm"));
        final ObjectNode cpu = (ObjectNode) doc.get("cpu");
        out.println("CPU        " + text(cpu, "model", "unknown model") + ": " + cpu.get("cores").asInt()
            + " online (" + cpu.get("online").asText() + "), this process may use " + cpu.get("allowed").asText());
        out.println("Isolation  " + (cpu.get("isolation").asBoolean() ? "isolcpus " + cpu.get("isolated").asText()
            + ", nohz_full " + text(cpu, "nohz_full", "none") : "none (no isolcpus, no nohz_full)"));
        out.println("Governor   " + text(cpu, "governor", "not readable"));
        out.println("Pinning    " + (cpu.get("affinity_supported").asBoolean() ? "supported (sched_setaffinity)"
            : "not supported on this platform"));
        if (doc.has("flow")) {
            final ObjectNode f = (ObjectNode) doc.get("flow");
            final List<String> stages = new ArrayList<>();
            f.get("stages").forEach(n -> stages.add(n.asText()));
            out.println();
            out.println("flow " + f.get("name").asText() + " (" + stages.size() + " stages: "
                + String.join(", ", stages) + ")");
            final ObjectNode configured = (ObjectNode) f.get("configured");
            if (configured.has("plan")) {
                out.println("  configured   " + configured.get("plan").get("summary").asText());
                configured.get("plan").get("warnings").forEach(w -> out.println("               note: " + w.asText()));
            }
            final ObjectNode r = (ObjectNode) f.get("recommended");
            out.println("  recommended  " + r.get("reason").asText());
            out.println("               " + r.get("plan").get("summary").asText());
            for (final String line : r.get("toml").asText().split("\n")) {
                out.println("               " + line);
            }
            if (r.hasNonNull("cpu_affinity")) {
                out.println("  pinned run   WORKER_CPU_CORES=" + r.get("worker_cpu_cores").asText()
                    + " HOUSEKEEPING_CPU_CORES=" + r.get("housekeeping_cpu_cores").asText()
                    + " scripts/bench-pinned.sh --flow " + f.get("name").asText());
            }
        }
        if (!global.quiet) {
            doc.get("warnings").forEach(w -> err.println("warning: " + w.asText()));
        }
        for (final Problem p : problems) {
            Output.problem(err, p);
        }
    }

    private static String found(final ObjectNode node, final String field) {
        return node.hasNonNull(field) ? "ok" : "MISSING";
    }

    private static String text(final ObjectNode node, final String field, final String otherwise) {
        return node.hasNonNull(field) && !node.get(field).asText().isEmpty() ? node.get(field).asText() : otherwise;
    }

    private static Path onPath(final String tool) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (final String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }
}
