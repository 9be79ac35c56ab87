package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.BuiltinComponents;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.FlowConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.topology.BuiltinRoles;
import io.torvyn.engine.topology.RoleResolver;
import io.torvyn.engine.topology.Topology;
import io.torvyn.engine.topology.TopologyBuilder;
import io.torvyn.engine.topology.TopologyNode;
import io.torvyn.engine.topology.TopologyResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry points the CLI, tests and benchmarks share: check a whole manifest (every problem, nothing started),
 * resolve one flow to a runnable topology, and create its run. One place decides which factory builds which node.
 */
public final class Flows {
    private Flows() {
    }

    /** The role resolver for this build: built-ins by kind and position. */
    public static RoleResolver roles() {
        return new BuiltinRoles();
    }

    /** The component factory for this build. */
    public static ComponentFactory factory() {
        return new BuiltinComponents();
    }

    /** Every problem of every flow of a loaded manifest: topology, component references, built-in configs. */
    public static List<Problem> check(final TorvynConfig config) {
        final List<Problem> problems = new ArrayList<>();
        if (config.flows().isEmpty()) {
            problems.add(new Problem(ErrorCode.E0200, "the manifest declares no flow", fileOf(config),
                "add a [flow.main] table with nodes and edges"));
        }
        for (final FlowConfig flow : config.flows().values()) {
            final TopologyResult result = TopologyBuilder.build(config, flow, roles());
            problems.addAll(result.problems());
            if (result.topology() != null) {
                for (final TopologyNode node : result.topology().nodes()) {
                    try {
                        final Component c = factory().create(config, node);
                        if (node.config().isBuiltin()) {
                            BuiltinComponents.preflight(config, node, c);
                        }
                    } catch (final TorvynException e) {
                        problems.add(e.problem());
                    }
                }
            }
        }
        return problems;
    }

    /** The validated topology of {@code flowName} (the first flow when null); throws with the first problem. */
    public static Topology topology(final TorvynConfig config, final String flowName) {
        final FlowConfig flow = config.flow(flowName);
        if (flow == null) {
            throw new TorvynException(new Problem(ErrorCode.E0200,
                flowName == null ? "the manifest declares no flow" : "no flow named `" + flowName + "`",
                fileOf(config), "flows in this manifest: " + String.join(", ", config.flows().keySet())));
        }
        final TopologyResult result = TopologyBuilder.build(config, flow, roles());
        if (!result.problems().isEmpty()) {
            throw new TorvynException(result.problems().get(0));
        }
        return result.topology();
    }

    /** A ready-to-start run of {@code flowName}. */
    public static FlowRun prepare(final TorvynConfig config, final String flowName, final RunOptions options) {
        return new FlowRun(config, topology(config, flowName), factory(), options);
    }

    private static String fileOf(final TorvynConfig config) {
        return config.file() == null ? "Torvyn.toml" : config.file().toString();
    }
}
