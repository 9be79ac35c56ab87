package io.torvyn.engine.topology;

import io.torvyn.engine.config.ComponentDecl;
import io.torvyn.engine.config.ConfigDefaults;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.EdgeConfig;
import io.torvyn.engine.config.FlowConfig;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.Suggestions;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Checks one flow against config.md's "Validation rules" and builds its {@link Topology}: component references
 * (E0210), edge endpoints (E0201) and router ports (E0204), shape rules per role, cycles and self-loops (E0200), fan
 * limits (E0205). Every problem is collected, so `check` shows them all at once.
 */
public final class TopologyBuilder {

    private final TorvynConfig cfg;
    private final FlowConfig flow;
    private final RoleResolver roles;
    private final List<NodeConfig> nodes;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<EdgeConfig> edges;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final int[] edgePort;
    private final boolean[] usable;
    private final Role[] nodeRoles;
    private final int[] inputs;
    private final int[] outputs;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int unresolved;

    private TopologyBuilder(final TorvynConfig cfg, final FlowConfig flow, final RoleResolver roles) {
        this.cfg = cfg;
        this.flow = flow;
        this.roles = roles;
        this.nodes = new ArrayList<>(flow.nodes().values());
        for (int i = 0; i < nodes.size(); i++) {
            indexByName.put(nodes.get(i).name(), i);
        }
        this.edges = flow.edges();
        this.edgeFrom = new int[edges.size()];
        this.edgeTo = new int[edges.size()];
        this.edgePort = new int[edges.size()];
        this.usable = new boolean[edges.size()];
        this.nodeRoles = new Role[nodes.size()];
        this.inputs = new int[nodes.size()];
        this.outputs = new int[nodes.size()];
    }

    /**
     * Validates {@code flow} of {@code cfg} and builds its topology.
     *
     * @param roles decides each node's role (e.g. {@link BuiltinRoles#withComponents(RoleResolver)})
     */
    public static TopologyResult build(final TorvynConfig cfg, final FlowConfig flow, final RoleResolver roles) {
        return new TopologyBuilder(cfg, flow, roles).build();
    }

    private TopologyResult build() {
        if (nodes.isEmpty()) {
            problem(ErrorCode.E0200, "flow `" + flow.name() + "` has no nodes", flowPath(),
                "add nodes as [flow." + flow.name() + ".nodes.NAME] and connect them with edges");
            return result(null);
        }
        final boolean[] componentOk = new boolean[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            componentOk[n] = checkComponent(nodes.get(n));
        }
        checkEdgeEndpoints();
        resolveRoles(componentOk);
        checkPorts();
        checkShapes();
        checkFan();
        checkCycles();
        return result(problems.isEmpty() ? assemble() : null);
    }

    private boolean checkComponent(final NodeConfig node) {
        final String ref = node.component();
        final String where = nodePath(node.name()) + ".component";
        if (node.isBuiltin()) {
            if (BuiltinRoles.isKnown(node.builtinKind())) {
                return true;
            }
            final String nearest = Suggestions.nearest(node.builtinKind(), BuiltinRoles.KINDS);
            problem(ErrorCode.E0210, "node `" + node.name() + "` uses unknown built-in `" + ref + "`", where,
                nearest != null ? "did you mean `builtin:" + nearest + "`?"
                    : "built-ins are: builtin:" + String.join(", builtin:", BuiltinRoles.KINDS));
            return false;
        }
        if (ref.startsWith("file:")) {
            final Path path = resolve(ref.substring("file:".length()));
            if (path != null && Files.isRegularFile(path)) {
                return true;
            }
            problem(ErrorCode.E0210, "node `" + node.name() + "` uses `" + ref + "`, but " + (path == null ? "that path"
                : path) + " is not a file", where, "build the module or fix the path (relative to Torvyn.toml)");
            return false;
        }
        final ComponentDecl decl = cfg.component(ref);
        if (decl == null) {
            final List<String> declared = new ArrayList<>();
            cfg.components().forEach(c -> declared.add(c.name()));
            final String nearest = Suggestions.nearest(ref, declared);
            problem(ErrorCode.E0210, "node `" + node.name() + "` uses component `" + ref
                + "`, which is neither a [[component]], \"file:PATH\" nor \"builtin:KIND\"", where,
                nearest != null ? "did you mean `" + nearest + "`?"
                    : "declare it as a [[component]] with a name and path");
            return false;
        }
        if (!Files.isRegularFile(decl.path())) {
            problem(ErrorCode.E0210, "component `" + ref + "` (used by node `" + node.name() + "`) points at "
                + decl.path() + ", which is not a file", where, "build the module, or fix the component's `path`");
            return false;
        }
        return true;
    }

    private Path resolve(final String path) {
        try {
            final Path p = Path.of(path);
            return cfg.baseDir() == null ? p : cfg.baseDir().resolve(p).normalize();
        } catch (final InvalidPathException e) {
            return null;
        }
    }

    private void checkEdgeEndpoints() {
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            final EdgeConfig e = edges.get(i);
            edgeFrom[i] = nodeIndex(e.from(), i, "from");
            edgeTo[i] = nodeIndex(e.to(), i, "to");
            if (edgeFrom[i] < 0 || edgeTo[i] < 0) {
                continue;
            }
            if (edgeFrom[i] == edgeTo[i]) {
                problem(ErrorCode.E0200, "self-loop: edge " + e.label() + " connects `" + e.from() + "` to itself",
                    edgePath(i), "remove the edge; a flow is acyclic");
                continue;
            }
            final Integer first = seen.putIfAbsent(e.label(), i);
            if (first != null) {
                problem(ErrorCode.E0200, "duplicate edge " + e.label() + " (same as edges[" + first + "])",
                    edgePath(i), "remove one of the two edges");
                continue;
            }
            usable[i] = true;
            outputs[edgeFrom[i]]++;
            inputs[edgeTo[i]]++;
        }
    }

    private int nodeIndex(final String name, final int edge, final String end) {
        final Integer index = indexByName.get(name);
        if (index != null) {
            return index;
        }
        final String nearest = Suggestions.nearest(name, indexByName.keySet());
        problem(ErrorCode.E0201, "edge " + edges.get(edge).label() + " names unknown node `" + name + "` in `" + end
            + "`", edgePath(edge), nearest != null ? "did you mean `" + nearest + "`?"
            : "declare [flow." + flow.name() + ".nodes." + name + "] or fix the name");
        return -1;
    }

    private void resolveRoles(final boolean[] componentOk) {
        for (int n = 0; n < nodes.size(); n++) {
            final NodeConfig node = nodes.get(n);
            if (inputs[n] == 0 && outputs[n] == 0) {
                problem(ErrorCode.E0200, "node `" + node.name() + "` is an orphan: no edge enters or leaves it",
                    nodePath(node.name()), "connect it with [[flow." + flow.name() + ".edges]] or remove it");
                continue;
            }
            if (!componentOk[n]) {
                unresolved++;
                continue;
            }
            try {
                nodeRoles[n] = roles.resolve(node, inputs[n], outputs[n]);
            } catch (final TorvynException e) {
                final Problem p = e.problem();
                problems.add(p.where() == null || p.where().isEmpty()
                    ? new Problem(p.code(), p.message(), where(nodePath(node.name())), p.help()) : p);
                unresolved++;
            }
        }
    }

    private void checkPorts() {
        for (int n = 0; n < nodes.size(); n++) {
            final NodeConfig node = nodes.get(n);
            if (nodeRoles[n] == Role.ROUTER && node.ports().isEmpty()) {
                problem(ErrorCode.E0200, "router `" + node.name() + "` declares no output ports",
                    nodePath(node.name()), "add ports = [\"a\", \"b\"] to [flow." + flow.name() + ".nodes."
                        + node.name() + "]");
            } else if (nodeRoles[n] != null && nodeRoles[n] != Role.ROUTER && !node.ports().isEmpty()) {
                problem(ErrorCode.E0200, "node `" + node.name() + "` declares ports but is a " + nodeRoles[n].key()
                    + ", not a router", nodePath(node.name()) + ".ports", "remove `ports`; only routers have them");
            }
        }
        for (int i = 0; i < edges.size(); i++) {
            if (usable[i]) {
                edgePort[i] = portIndex(i);
            }
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (nodeRoles[n] == Role.ROUTER) {
                for (final String port : nodes.get(n).ports()) {
                    if (!hasEdgeFromPort(n, port)) {
                        warnings.add("router port `" + nodes.get(n).name() + ":" + port + "` of flow `" + flow.name()
                            + "` has no edge; elements routed there have nowhere to go");
                    }
                }
            }
        }
    }

    private int portIndex(final int edge) {
        final EdgeConfig e = edges.get(edge);
        final NodeConfig producer = nodes.get(edgeFrom[edge]);
        final Role role = nodeRoles[edgeFrom[edge]];
        final List<String> ports = producer.ports();
        if (role == Role.ROUTER) {
            if (ports.isEmpty()) {
                return -1;
            }
            if (e.fromPort() == null) {
                problem(ErrorCode.E0204, "edge " + e.label() + " leaves router `" + e.from()
                    + "` without naming a port", edgePath(edge),
                    "write from = \"" + e.from() + ":PORT\" with PORT one of: " + String.join(", ", ports));
                return -1;
            }
        } else if (role != null && e.fromPort() != null) {
            problem(ErrorCode.E0204, "edge " + e.label() + " names port `" + e.fromPort() + "`, but `" + e.from()
                + "` is a " + role.key() + ", not a router", edgePath(edge), "write from = \"" + e.from() + "\"");
            return -1;
        }
        if (e.fromPort() == null) {
            return 0;
        }
        final int index = ports.indexOf(e.fromPort());
        if (index < 0 && (role == Role.ROUTER || !ports.isEmpty())) {
            final String nearest = Suggestions.nearest(e.fromPort(), ports);
            problem(ErrorCode.E0204, "edge " + e.label() + " names port `" + e.fromPort() + "`, which router `"
                + e.from() + "` does not declare", edgePath(edge), nearest != null
                ? "did you mean `" + e.from() + ":" + nearest + "`?"
                : "declared ports: " + (ports.isEmpty() ? "none" : String.join(", ", ports)));
        }
        return index;
    }

    private boolean hasEdgeFromPort(final int node, final String port) {
        for (int i = 0; i < edges.size(); i++) {
            if (usable[i] && edgeFrom[i] == node && port.equals(edges.get(i).fromPort())) {
                return true;
            }
        }
        return false;
    }

    private void checkShapes() {
        int sources = 0;
        int sinks = 0;
        for (int n = 0; n < nodes.size(); n++) {
            final Role role = nodeRoles[n];
            if (role == null) {
                continue;
            }
            final String name = nodes.get(n).name();
            if (role == Role.SOURCE) {
                sources++;
                if (inputs[n] > 0) {
                    problem(ErrorCode.E0200, "source `" + name + "` has " + inputs[n] + " input edge(s); a source has"
                        + " none", nodePath(name), "remove the edges into `" + name + "`");
                }
            } else if (inputs[n] == 0) {
                problem(ErrorCode.E0200, role.key() + " `" + name + "` has no input edge", nodePath(name),
                    "add an edge with to = \"" + name + "\"");
            }
            if (role == Role.SINK) {
                sinks++;
                if (outputs[n] > 0) {
                    problem(ErrorCode.E0200, "sink `" + name + "` has " + outputs[n] + " output edge(s); a sink has"
                        + " none", nodePath(name), "remove the edges out of `" + name + "`");
                }
            } else if (outputs[n] == 0) {
                problem(ErrorCode.E0200, role.key() + " `" + name + "` has no output edge", nodePath(name),
                    "add an edge with from = \"" + name + "\"");
            }
        }
        if (unresolved == 0 && sources == 0) {
            problem(ErrorCode.E0200, "flow `" + flow.name() + "` has no source", flowPath(),
                "add a source node, e.g. component = \"builtin:generator\"");
        }
        if (unresolved == 0 && sinks == 0) {
            problem(ErrorCode.E0200, "flow `" + flow.name() + "` has no sink", flowPath(),
                "add a sink node, e.g. component = \"builtin:null\"");
        }
    }

    private void checkFan() {
        final int max = ConfigDefaults.MAX_FAN;
        for (int n = 0; n < nodes.size(); n++) {
            final String name = nodes.get(n).name();
            if (inputs[n] > max) {
                problem(ErrorCode.E0205, "node `" + name + "` has " + inputs[n] + " input edges; at most " + max
                    + " are allowed", nodePath(name), "merge inputs through intermediate processors");
            }
            final Map<String, Integer> perPort = new HashMap<>();
            for (int i = 0; i < edges.size(); i++) {
                if (usable[i] && edgeFrom[i] == n) {
                    perPort.merge(String.valueOf(edges.get(i).fromPort()), 1, Integer::sum);
                }
            }
            perPort.forEach((port, count) -> {
                if (count > max) {
                    problem(ErrorCode.E0205, "node `" + name + "` has " + count + " output edges on "
                        + ("null".equals(port) ? "its output" : "port `" + port + "`") + "; at most " + max
                        + " are allowed per port", nodePath(name), "fan out in two stages through processors");
                }
            });
        }
    }

    private void checkCycles() {
        final List<List<Integer>> successors = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            successors.add(new ArrayList<>());
        }
        for (int i = 0; i < edges.size(); i++) {
            if (usable[i] && !successors.get(edgeFrom[i]).contains(edgeTo[i])) {
                successors.get(edgeFrom[i]).add(edgeTo[i]);
            }
        }
        for (final List<Integer> component : new StronglyConnected(successors).components()) {
            if (component.size() > 1) {
                reportCycle(component, successors);
            }
        }
    }

    private void reportCycle(final List<Integer> component, final List<List<Integer>> successors) {
        final int start = component.stream().min(Integer::compare).orElseThrow();
        final int[] parent = new int[nodes.size()];
        Arrays.fill(parent, -1);
        final Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        parent[start] = start;
        int last = -1;
        while (!queue.isEmpty() && last < 0) {
            final int u = queue.poll();
            for (final int v : successors.get(u)) {
                if (v == start) {
                    last = u;
                    break;
                }
                if (component.contains(v) && parent[v] < 0) {
                    parent[v] = u;
                    queue.add(v);
                }
            }
        }
        final List<String> path = new ArrayList<>();
        for (int n = last; n != start; n = parent[n]) {
            path.add(0, nodes.get(n).name());
        }
        path.add(0, nodes.get(start).name());
        path.add(nodes.get(start).name());
        int closing = 0;
        for (int i = 0; i < edges.size(); i++) {
            if (usable[i] && edgeFrom[i] == last && edgeTo[i] == start) {
                closing = i;
                break;
            }
        }
        problem(ErrorCode.E0200, "cycle in flow `" + flow.name() + "`: " + String.join(" -> ", path), edgePath(closing),
            "a flow is acyclic; remove one of the edges of the cycle");
    }

    private Topology assemble() {
        final PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator
            .<Integer>comparingInt(n -> nodeRoles[n] == Role.SOURCE ? 0 : 1).thenComparingInt(n -> n));
        final int[] pending = inputs.clone();
        for (int n = 0; n < nodes.size(); n++) {
            if (pending[n] == 0) {
                ready.add(n);
            }
        }
        final int[] order = new int[nodes.size()];
        final int[] position = new int[nodes.size()];
        int count = 0;
        while (!ready.isEmpty()) {
            final int n = ready.poll();
            position[n] = count;
            order[count++] = n;
            for (int i = 0; i < edges.size(); i++) {
                if (edgeFrom[i] == n && --pending[edgeTo[i]] == 0) {
                    ready.add(edgeTo[i]);
                }
            }
        }
        if (count != nodes.size()) {
            throw new IllegalStateException("unreported cycle in flow " + flow.name());
        }
        final List<TopologyEdge> topologyEdges = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            final EdgeConfig e = edges.get(i);
            topologyEdges.add(new TopologyEdge(i, position[edgeFrom[i]], edgePort[i], position[edgeTo[i]],
                e.queueDepth(), e.backpressure(), e.label()));
        }
        final List<TopologyNode> topologyNodes = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            final int n = order[k];
            final NodeConfig node = nodes.get(n);
            final int portCount = nodeRoles[n] == Role.ROUTER ? node.ports().size() : 1;
            final int[][] byPort = new int[portCount][];
            for (int p = 0; p < portCount; p++) {
                final int port = p;
                byPort[p] = edgesWhere(i -> edgeFrom[i] == n && edgePort[i] == port);
            }
            topologyNodes.add(new TopologyNode(k, node.name(), nodeRoles[n], node, edgesWhere(i -> edgeTo[i] == n),
                byPort, nodeRoles[n] == Role.ROUTER ? node.ports() : List.of()));
        }
        return new Topology(flow.name(), topologyNodes, topologyEdges);
    }

    private int[] edgesWhere(final IntPredicate test) {
        return IntStream.range(0, edges.size()).filter(test).toArray();
    }

    private TopologyResult result(final Topology topology) {
        return new TopologyResult(topology, problems, warnings);
    }

    private void problem(final ErrorCode code, final String message, final String keyPath, final String help) {
        problems.add(new Problem(code, message, where(keyPath), help));
    }

    private String where(final String keyPath) {
        return ConfigLoader.where(cfg.file(), keyPath);
    }

    private String flowPath() {
        return "flow." + flow.name();
    }

    private String nodePath(final String node) {
        return flowPath() + ".nodes." + node;
    }

    private String edgePath(final int edge) {
        return flowPath() + ".edges[" + edge + "]";
    }
}
