package io.torvyn.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.error.ErrorCode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the prepared TOML tree into the {@link TorvynConfig} model: checks every key against {@link ConfigSchema},
 * every value against its type and range, applies the defaults of {@link ConfigDefaults} and resolves per-node and
 * per-edge values against `[runtime]`. Problems are collected, never thrown, so one pass reports them all.
 */
final class ConfigReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String NAME_RULE = "1 to 64 characters from A-Z, a-z, 0-9, `_` and `-`";
    private static final Pattern SEMVER = Pattern.compile(
        "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final List<String> ENGINES = List.of("chicory", "wasmtime");
    private static final long MAX_LINEAR_MEMORY = 4L << 30;
    private static final int MAX_PORT = 65_535;
    /** Largest CPU id accepted in `cpu_affinity` (Linux's own limit); whether it exists is checked at start. */
    private static final int MAX_CPU_ID = 8191;
    private static final String AFFINITY_FORMS =
        "a list of CPU ids ([2, 3]), a CPU list string (\"2-5\") or a table node = CPU id ({ src = 2, sink = 3 })";

    private final Diagnostics diag;
    private final Path file;
    private final Path baseDir;

    ConfigReader(final Diagnostics diag, final Path file, final Path baseDir) {
        this.diag = diag;
        this.file = file;
        this.baseDir = baseDir;
    }

    /** The model, or null when any problem was found (by this pass or before it). */
    TorvynConfig read(final ObjectNode root) {
        final TomlTable top = new TomlTable(root, "", diag);
        top.checkKeys(ConfigSchema.TOP, topLevelPaths(), "the top level");
        final ProjectInfo project = readProject(top);
        final List<ComponentDecl> components = readComponents(top);
        final RuntimeConfig runtime = readRuntime(top.table("runtime"));
        final Map<String, FlowConfig> flows = readFlows(top, runtime);
        checkAffinityNodes(top, runtime, flows);
        final JournalConfig journal = readJournal(top.table("journal"));
        final ObservabilityConfig observability = readObservability(top.table("observability"));
        if (!diag.problems().isEmpty()) {
            return null;
        }
        return new TorvynConfig(file, baseDir, project, List.copyOf(components), Collections.unmodifiableMap(flows),
            runtime, journal, observability);
    }

    private static List<String> topLevelPaths() {
        final List<String> paths = new ArrayList<>();
        ConfigSchema.TORVYN.paths().forEach(p -> paths.add("torvyn." + p));
        ConfigSchema.RUNTIME.paths().forEach(p -> paths.add("runtime." + p));
        ConfigSchema.JOURNAL.paths().forEach(p -> paths.add("journal." + p));
        ConfigSchema.OBSERVABILITY.paths().forEach(p -> paths.add("observability." + p));
        return paths;
    }

    private ProjectInfo readProject(final TomlTable top) {
        final TomlTable t = top.table("torvyn");
        t.checkKeys(ConfigSchema.TORVYN, "[torvyn]");
        final String name = t.requiredString("name");
        if (name != null) {
            checkName(t, "name", name, "project name");
        }
        final String version = t.requiredString("version");
        if (version != null && !SEMVER.matcher(version).matches()) {
            t.invalidValue("version", "expected a semantic version such as \"0.1.0\", found string \"" + version + "\"",
                "write MAJOR.MINOR.PATCH, e.g. version = \"0.1.0\"");
        }
        final String contract = t.string("contract_version", ConfigDefaults.CONTRACT_VERSION);
        if (contract != null && t.has("contract_version")) {
            checkContract(t, contract);
        }
        return new ProjectInfo(name, version, contract);
    }

    private void checkContract(final TomlTable t, final String contract) {
        final Matcher m = SEMVER.matcher(contract);
        if (!m.matches()) {
            t.invalidValue("contract_version", "expected a semantic version such as \"0.1.0\", found string \""
                + contract + "\"", "write contract_version = \"" + ConfigDefaults.CONTRACT_VERSION + "\"");
            return;
        }
        final String served = ConfigDefaults.CONTRACT_VERSION.substring(0,
            ConfigDefaults.CONTRACT_VERSION.lastIndexOf('.'));
        if (!(m.group(1) + "." + m.group(2)).equals(served)) {
            diag.problem(ErrorCode.E0110, "contract_version " + contract + " is not supported: this host serves "
                + served + ".x", t.keyPath("contract_version"),
                "build the components against contract " + ConfigDefaults.CONTRACT_VERSION
                    + " and set contract_version = \"" + ConfigDefaults.CONTRACT_VERSION + "\"");
        }
    }

    private List<ComponentDecl> readComponents(final TomlTable top) {
        final JsonNode array = top.get("component");
        final List<ComponentDecl> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        if (!array.isArray()) {
            top.invalid("component", "an array of tables (write each as [[component]])", array);
            return out;
        }
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            final String path = "component[" + i + "]";
            if (!array.get(i).isObject()) {
                diag.problem(ErrorCode.E0702, "invalid `" + path + "`: expected a table, found "
                    + TomlTable.describe(array.get(i)), path, "write each component as a [[component]] table");
                continue;
            }
            final TomlTable c = new TomlTable((ObjectNode) array.get(i), path, diag);
            c.checkKeys(ConfigSchema.COMPONENT, "[[component]]");
            final String name = c.requiredString("name");
            if (name != null && checkName(c, "name", name, "component name")) {
                final Integer first = seen.putIfAbsent(name, i);
                if (first != null) {
                    diag.problem(ErrorCode.E0704, "duplicate component `" + name + "`: " + path
                        + " has the same name as component[" + first + "]", c.keyPath("name"),
                        "give every [[component]] a unique name");
                }
            }
            final Path modulePath = modulePath(c, c.requiredString("path"));
            final String config = c.string("config", null);
            if (name != null && modulePath != null) {
                out.add(new ComponentDecl(name, modulePath, config));
            }
        }
        return out;
    }

    private Path modulePath(final TomlTable c, final String path) {
        if (path == null) {
            return null;
        }
        if (!(path.endsWith(".wasm") || path.endsWith(".wat"))) {
            c.invalidValue("path", "expected a path ending in .wasm or .wat, found string \"" + path + "\"",
                "point `path` at the compiled module (.wasm) or its text form (.wat)");
            return null;
        }
        return resolve(c, "path", path);
    }

    private Path resolve(final TomlTable t, final String key, final String path) {
        try {
            final Path p = Path.of(path);
            return baseDir == null ? p.normalize() : baseDir.resolve(p).normalize();
        } catch (final InvalidPathException e) {
            t.invalidValue(key, "expected a file path, found string \"" + path + "\" (" + e.getReason() + ")",
                "write a valid path, relative to the directory of Torvyn.toml");
            return null;
        }
    }

    private RuntimeConfig readRuntime(final TomlTable r) {
        r.checkKeys(ConfigSchema.RUNTIME, "[runtime]");
        final ExecutionMode mode = r.choice("mode", ConfigDefaults.MODE, ExecutionMode::fromKey,
            keys(ExecutionMode.values(), ExecutionMode::key));
        final int workers = (int) r.integer("worker_threads", ConfigDefaults.WORKER_THREADS, 0, Integer.MAX_VALUE);
        final WaitStrategyKind wait = r.choice("wait_strategy", ConfigDefaults.WAIT_STRATEGY,
            WaitStrategyKind::fromKey, keys(WaitStrategyKind.values(), WaitStrategyKind::key));
        final String engine = r.choice("wasm_engine", ConfigDefaults.WASM_ENGINE, ConfigReader::engine, ENGINES);
        final long maxOwned = r.size("max_owned_bytes_per_component", ConfigDefaults.MAX_OWNED_BYTES_PER_COMPONENT, 1,
            Long.MAX_VALUE);
        final long fuel = r.integer("fuel_per_invocation", ConfigDefaults.FUEL_PER_INVOCATION, 0, Long.MAX_VALUE);
        final long maxMemory = r.size("max_memory_per_component", ConfigDefaults.MAX_MEMORY_PER_COMPONENT, 1,
            MAX_LINEAR_MEMORY);
        final long timeout = r.duration("invocation_timeout", ConfigDefaults.INVOCATION_TIMEOUT_NS, 1);
        final ErrorPolicy errorPolicy = r.choice("error_policy", ConfigDefaults.ERROR_POLICY, ErrorPolicy::parse,
            List.of("fail-fast", "skip-element", "retry:N"));
        final SchedulingConfig scheduling = readScheduling(r.table("scheduling"));
        final BackpressureConfig backpressure = readBackpressure(r.table("backpressure"));
        final PoolsConfig pools = readPools(r.table("pools"));
        final CpuAffinity affinity = readCpuAffinity(r);
        return new RuntimeConfig(mode, workers, wait, engine, maxOwned, fuel, maxMemory, timeout, errorPolicy,
            scheduling, backpressure, pools, affinity);
    }

    private CpuAffinity readCpuAffinity(final TomlTable r) {
        final JsonNode v = r.get("cpu_affinity");
        if (v == null) {
            return ConfigDefaults.CPU_AFFINITY;
        }
        if (v.isArray()) {
            final List<Integer> cpus = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                final JsonNode e = v.get(i);
                if (!e.isIntegralNumber() || !e.canConvertToInt() || e.intValue() < 0 || e.intValue() > MAX_CPU_ID) {
                    final String at = r.keyPath("cpu_affinity") + "[" + i + "]";
                    diag.problem(ErrorCode.E0702, "invalid `" + at + "`: expected a CPU id in 0.." + MAX_CPU_ID
                        + ", found " + TomlTable.describe(e), at,
                        "write CPU ids as integers, e.g. cpu_affinity = [2, 3]");
                    return CpuAffinity.NONE;
                }
                cpus.add(e.intValue());
            }
            return distinctCpus(r, cpus);
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            try {
                return distinctCpus(r, CpuLists.parse(v.asText()));
            } catch (final IllegalArgumentException e) {
                r.invalidValue("cpu_affinity", e.getMessage(), "write " + AFFINITY_FORMS);
                return CpuAffinity.NONE;
            }
        }
        if (v.isObject()) {
            final Map<String, Integer> byNode = new LinkedHashMap<>();
            final Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            final TomlTable table = r.table("cpu_affinity");
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                final JsonNode cpu = e.getValue();
                if (!cpu.isIntegralNumber() || !cpu.canConvertToInt() || cpu.intValue() < 0
                    || cpu.intValue() > MAX_CPU_ID) {
                    table.invalid(e.getKey(), "a CPU id in 0.." + MAX_CPU_ID, cpu);
                    continue;
                }
                byNode.put(e.getKey(), cpu.intValue());
            }
            return CpuAffinity.byNode(byNode);
        }
        r.invalid("cpu_affinity", AFFINITY_FORMS, v);
        return CpuAffinity.NONE;
    }

    private static CpuAffinity distinctCpus(final TomlTable r, final List<Integer> cpus) {
        final Set<Integer> seen = new HashSet<>();
        for (final int cpu : cpus) {
            if (cpu > MAX_CPU_ID) {
                r.invalidValue("cpu_affinity", "expected CPU ids in 0.." + MAX_CPU_ID + ", found " + cpu,
                    "write " + AFFINITY_FORMS);
                return CpuAffinity.NONE;
            }
            if (!seen.add(cpu)) {
                r.invalidValue("cpu_affinity", "expected distinct CPU ids, found CPU " + cpu + " twice",
                    "list each CPU once: the list gives one stage thread per CPU (use the table form "
                        + "node = CPU to put several nodes on one CPU)");
                return CpuAffinity.NONE;
            }
        }
        return CpuAffinity.list(cpus);
    }

    /** Every node named by the table form of `cpu_affinity` must be a node of some flow. */
    private void checkAffinityNodes(final TomlTable top, final RuntimeConfig runtime,
                                    final Map<String, FlowConfig> flows) {
        if (!runtime.cpuAffinity().isByNode()) {
            return;
        }
        final TomlTable r = top.table("runtime");
        final Set<String> nodes = new LinkedHashSet<>();
        flows.values().forEach(f -> nodes.addAll(f.nodes().keySet()));
        final TomlTable table = r.table("cpu_affinity");
        for (final String name : runtime.cpuAffinity().byNode().keySet()) {
            if (!nodes.contains(name)) {
                final String nearest = Suggestions.nearest(name, nodes);
                diag.problem(ErrorCode.E0702, "invalid `" + table.keyPath(name) + "`: `" + name
                    + "` is not a node of any flow", table.keyPath(name), nearest != null
                    ? "did you mean `" + nearest + "`?" : "name nodes of the flow: " + String.join(", ", nodes));
            }
        }
    }

    private static String engine(final String name) {
        return ENGINES.contains(name) ? name : null;
    }

    private static SchedulingConfig readScheduling(final TomlTable s) {
        s.checkKeys(ConfigSchema.SCHEDULING, "[runtime.scheduling]");
        return new SchedulingConfig(
            (int) s.integer("yield_batch", ConfigDefaults.YIELD_BATCH, 1, Integer.MAX_VALUE),
            s.duration("yield_quantum", ConfigDefaults.YIELD_QUANTUM_NS, 1),
            (int) s.integer("batch_size", ConfigDefaults.BATCH_SIZE, 1, Integer.MAX_VALUE),
            s.choice("placement", ConfigDefaults.STAGE_PLACEMENT, StagePlacement::fromKey,
                keys(StagePlacement.values(), StagePlacement::key)));
    }

    private static BackpressureConfig readBackpressure(final TomlTable b) {
        b.checkKeys(ConfigSchema.BACKPRESSURE, "[runtime.backpressure]");
        return new BackpressureConfig(
            (int) b.integer("default_queue_depth", ConfigDefaults.DEFAULT_QUEUE_DEPTH, 1,
                ConfigDefaults.MAX_QUEUE_DEPTH),
            b.choice("policy", ConfigDefaults.BACKPRESSURE_POLICY, BackpressurePolicy::fromKey,
                keys(BackpressurePolicy.values(), BackpressurePolicy::key)),
            b.fraction("low_watermark_ratio", ConfigDefaults.LOW_WATERMARK_RATIO, 0.0, 1.0));
    }

    private PoolsConfig readPools(final TomlTable p) {
        p.checkKeys(ConfigSchema.POOLS, "[runtime.pools]");
        final List<TierConfig> tiers = new ArrayList<>();
        final boolean[] valid = new boolean[ConfigDefaults.TIERS.size()];
        for (int i = 0; i < ConfigDefaults.TIERS.size(); i++) {
            final TierConfig dflt = ConfigDefaults.TIERS.get(i);
            final TomlTable t = p.table(dflt.name());
            final int before = diag.problems().size();
            t.checkKeys(ConfigSchema.TIER, "[runtime.pools." + dflt.name() + "]");
            final int size = (int) t.size("buffer_size", dflt.bufferSize(), 1, Integer.MAX_VALUE);
            final int count = (int) t.integer("count", dflt.count(), 1, Integer.MAX_VALUE);
            valid[i] = diag.problems().size() == before;
            tiers.add(new TierConfig(dflt.name(), size, count));
        }
        for (int i = 1; i < tiers.size(); i++) {
            final TierConfig smaller = tiers.get(i - 1);
            final TierConfig tier = tiers.get(i);
            if (valid[i - 1] && valid[i] && tier.bufferSize() <= smaller.bufferSize()) {
                p.table(tier.name()).invalidValue("buffer_size", "expected a buffer_size larger than `"
                    + smaller.name() + "` (" + Units.formatSize(smaller.bufferSize()) + "), found "
                    + Units.formatSize(tier.bufferSize()), "tiers go small < medium < large < huge in buffer_size");
            }
        }
        final ExhaustionPolicy exhaustion = p.choice("exhaustion_policy", ConfigDefaults.EXHAUSTION_POLICY,
            ExhaustionPolicy::fromKey, keys(ExhaustionPolicy.values(), ExhaustionPolicy::key));
        final long maxBuffer = p.size("max_buffer_size", ConfigDefaults.MAX_BUFFER_SIZE, 1, Integer.MAX_VALUE);
        return new PoolsConfig(List.copyOf(tiers), exhaustion, maxBuffer);
    }

    private Map<String, FlowConfig> readFlows(final TomlTable top, final RuntimeConfig runtime) {
        final Map<String, FlowConfig> flows = new LinkedHashMap<>();
        final JsonNode all = top.get("flow");
        if (all == null) {
            return flows;
        }
        if (!all.isObject()) {
            top.invalid("flow", "a table of flows (write each as [flow.NAME])", all);
            return flows;
        }
        final TomlTable flowTable = top.table("flow");
        final Iterator<Map.Entry<String, JsonNode>> it = all.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            final String name = e.getKey();
            if (!checkName(flowTable, name, name, "flow name")) {
                continue;
            }
            if (!e.getValue().isObject()) {
                flowTable.invalid(name, "a table (write it as [flow." + name + "])", e.getValue());
                continue;
            }
            flows.put(name, readFlow(flowTable.table(name), name, runtime));
        }
        return flows;
    }

    private FlowConfig readFlow(final TomlTable f, final String name, final RuntimeConfig runtime) {
        f.checkKeys(ConfigSchema.FLOW, "[flow." + name + "]");
        final String description = f.string("description", "");
        final int queueDepth = (int) f.integer("default_queue_depth", runtime.backpressure().defaultQueueDepth(), 1,
            ConfigDefaults.MAX_QUEUE_DEPTH);
        final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
        final TomlTable nodesTable = f.table("nodes");
        final Iterator<Map.Entry<String, JsonNode>> it = nodesTable.entries();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (!checkName(nodesTable, e.getKey(), e.getKey(), "node name")) {
                continue;
            }
            if (!e.getValue().isObject()) {
                nodesTable.invalid(e.getKey(), "a table (write it as [flow." + name + ".nodes." + e.getKey() + "])",
                    e.getValue());
                continue;
            }
            final NodeConfig node = readNode(nodesTable.table(e.getKey()), name, e.getKey(), runtime);
            if (node != null) {
                nodes.put(node.name(), node);
            }
        }
        final List<EdgeConfig> edges = new ArrayList<>();
        final JsonNode array = f.get("edges");
        if (array != null && !array.isArray()) {
            f.invalid("edges", "an array of tables (write each as [[flow." + name + ".edges]])", array);
        } else if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                final String path = f.keyPath("edges") + "[" + i + "]";
                if (!array.get(i).isObject()) {
                    diag.problem(ErrorCode.E0702, "invalid `" + path + "`: expected a table, found "
                        + TomlTable.describe(array.get(i)), path,
                        "write each edge as a [[flow." + name + ".edges]] table");
                    continue;
                }
                final EdgeConfig edge = readEdge(new TomlTable((ObjectNode) array.get(i), path, diag), name, queueDepth,
                    runtime.backpressure().policy());
                if (edge != null) {
                    edges.add(edge);
                }
            }
        }
        return new FlowConfig(name, description, queueDepth, Collections.unmodifiableMap(nodes), List.copyOf(edges));
    }

    private NodeConfig readNode(final TomlTable n, final String flow, final String name, final RuntimeConfig rt) {
        n.checkKeys(ConfigSchema.NODE, "[flow." + flow + ".nodes." + name + "]");
        final String component = n.requiredString("component");
        if (component != null) {
            checkComponentReference(n, component);
        }
        final String config = n.string("config", null);
        final long fuel = n.integer("fuel_per_invocation", rt.fuelPerInvocation(), 0, Long.MAX_VALUE);
        final long maxMemory = n.size("max_memory", rt.maxMemoryPerComponent(), 1, MAX_LINEAR_MEMORY);
        final String engine = n.choice("engine", rt.wasmEngine(), ConfigReader::engine, ENGINES);
        final long maxOwned = n.size("max_owned_bytes", rt.maxOwnedBytesPerComponent(), 1, Long.MAX_VALUE);
        final boolean wasi = n.bool("wasi", false);
        final List<String> ports = readPorts(n);
        final long flushEvery = n.integer("flush_every", 0, 0, Long.MAX_VALUE);
        if (component == null || ports == null) {
            return null;
        }
        return new NodeConfig(name, component, config, fuel, maxMemory, engine, maxOwned, wasi, ports, flushEvery);
    }

    private static void checkComponentReference(final TomlTable n, final String component) {
        final String help = "use a [[component]] name, \"file:PATH\" (.wasm or .wat) or \"builtin:KIND\"";
        if (component.startsWith("file:")) {
            final String path = component.substring("file:".length());
            if (!(path.endsWith(".wasm") || path.endsWith(".wat"))) {
                n.invalidValue("component", "expected \"file:PATH\" with a path ending in .wasm or .wat, "
                    + "found string \"" + component + "\"", help);
            }
        } else if (component.isEmpty() || component.equals("builtin:")) {
            n.invalidValue("component", "expected a component reference, found string \"" + component + "\"", help);
        }
    }

    private List<String> readPorts(final TomlTable n) {
        final List<String> ports = n.stringList("ports");
        if (ports == null) {
            return null;
        }
        boolean ok = true;
        if (ports.size() > ConfigDefaults.MAX_FAN) {
            n.invalidValue("ports", "expected at most " + ConfigDefaults.MAX_FAN + " ports, found " + ports.size(),
                "split the routing over two routers");
            ok = false;
        }
        final Set<String> seen = new HashSet<>();
        for (final String port : ports) {
            if (!NAME.matcher(port).matches()) {
                n.invalidValue("ports", "expected port names of " + NAME_RULE + ", found string \"" + port + "\"",
                    "rename the port");
                ok = false;
            } else if (!seen.add(port)) {
                n.invalidValue("ports", "expected unique port names, found \"" + port + "\" twice",
                    "remove the duplicate port");
                ok = false;
            }
        }
        return ok ? List.copyOf(ports) : null;
    }

    private static EdgeConfig readEdge(final TomlTable e, final String flow, final int flowQueueDepth,
                                       final BackpressurePolicy flowPolicy) {
        e.checkKeys(ConfigSchema.EDGE, "[[flow." + flow + ".edges]]");
        final String from = e.requiredString("from");
        final String to = e.requiredString("to");
        final int queueDepth = (int) e.integer("queue_depth", flowQueueDepth, 1, ConfigDefaults.MAX_QUEUE_DEPTH);
        final BackpressurePolicy policy = e.choice("backpressure", flowPolicy, BackpressurePolicy::fromKey,
            keys(BackpressurePolicy.values(), BackpressurePolicy::key));
        boolean ok = from != null && to != null;
        String fromNode = from;
        String fromPort = null;
        if (from != null) {
            final int colon = from.indexOf(':');
            if (colon >= 0) {
                fromNode = from.substring(0, colon);
                fromPort = from.substring(colon + 1);
            }
            if (fromNode.isEmpty() || (fromPort != null && (fromPort.isEmpty() || fromPort.indexOf(':') >= 0))) {
                e.invalidValue("from", "expected \"node\" or \"node:port\", found string \"" + from + "\"",
                    "name the producing node, and the router port after a colon");
                ok = false;
            }
        }
        if (to != null && (to.isEmpty() || to.indexOf(':') >= 0)) {
            e.invalidValue("to", "expected a node name, found string \"" + to + "\"",
                "name the consuming node; ports exist only on a router's outputs");
            ok = false;
        }
        return ok ? new EdgeConfig(fromNode, fromPort, to, queueDepth, policy) : null;
    }

    private JournalConfig readJournal(final TomlTable j) {
        j.checkKeys(ConfigSchema.JOURNAL, "[journal]");
        final JournalLevel level = j.choice("level", ConfigDefaults.JOURNAL_LEVEL, JournalLevel::fromKey,
            keys(JournalLevel.values(), JournalLevel::key));
        final String path = j.string("path", ConfigDefaults.JOURNAL_PATH);
        final Path resolved = path == null ? null : resolve(j, "path", path);
        return new JournalConfig(level, resolved);
    }

    private static ObservabilityConfig readObservability(final TomlTable o) {
        o.checkKeys(ConfigSchema.OBSERVABILITY, "[observability]");
        final ObservabilityLevel level = o.choice("level", ConfigDefaults.OBSERVABILITY_LEVEL,
            ObservabilityLevel::fromKey, keys(ObservabilityLevel.values(), ObservabilityLevel::key));
        final String prometheus = o.string("prometheus", ConfigDefaults.PROMETHEUS);
        if (prometheus != null && !"off".equals(prometheus) && !isHostPort(prometheus)) {
            o.invalidValue("prometheus", "expected \"off\" or HOST:PORT, found string \"" + prometheus + "\"",
                "write e.g. prometheus = \"127.0.0.1:9404\"");
        }
        return new ObservabilityConfig(level, prometheus);
    }

    private static boolean isHostPort(final String text) {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        final String port = text.substring(colon + 1);
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        final int p = Integer.parseInt(port);
        return p >= 1 && p <= MAX_PORT;
    }

    private static boolean checkName(final TomlTable t, final String key, final String name, final String what) {
        if (NAME.matcher(name).matches()) {
            return true;
        }
        t.invalidValue(key, "expected a " + what + " of " + NAME_RULE + ", found string \"" + name + "\"",
            "rename it using only letters, digits, `_` and `-`");
        return false;
    }

    private static <E> List<String> keys(final E[] values, final Function<E, String> key) {
        final List<String> keys = new ArrayList<>(values.length);
        for (final E v : values) {
            keys.add(key.apply(v));
        }
        return keys;
    }
}
