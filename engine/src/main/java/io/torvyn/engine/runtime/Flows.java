package io.torvyn.engine.runtime;

import io.torvyn.engine.builtin.BuiltinComponents;
import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.FlowConfig;
import io.torvyn.engine.config.NodeConfig;
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
import io.torvyn.engine.wasm.component.WasmComponentFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The entry points the CLI, tests and benchmarks share: check a whole manifest (every problem, nothing started),
 * resolve one flow to a runnable topology, and create its run. One place decides which factory builds which node:
 * built-ins by kind, everything else as a Wasm module loaded by the run's {@link WasmComponentFactory}.
 */
public final class Flows {
    private Flows() {
    }

    /** The Wasm side of one run (engines, compiled modules); close it, or hand it to the run, which closes it. */
    public static WasmComponentFactory wasm(final TorvynConfig config) {
        return new WasmComponentFactory(config);
    }

    /** The role resolver for this build: built-ins by kind and position, Wasm modules by exports and position. */
    public static RoleResolver roles(final WasmComponentFactory wasm) {
        return BuiltinRoles.withComponents(wasm.roles());
    }

    /** The component factory for this build: built-ins, else Wasm modules. */
    public static ComponentFactory factory(final WasmComponentFactory wasm) {
        final BuiltinComponents builtins = new BuiltinComponents();
        return (config, node) -> node.config().isBuiltin() ? builtins.create(config, node) : wasm.create(config, node);
    }

    /** The factory of built-in components alone, for runs and tests that use no Wasm module. */
    public static ComponentFactory builtins() {
        return new BuiltinComponents();
    }

    /**
     * Every problem of every flow of a loaded manifest: topology, component references, built-in configs, and for
     * Wasm nodes the module itself (load and instrumentation failures, E0100 … E0103, E0404, E0500), each reported
     * once even when several nodes share a module.
     */
    public static List<Problem> check(final TorvynConfig config) {
        final Set<Problem> problems = new LinkedHashSet<>();
        if (config.flows().isEmpty()) {
            problems.add(new Problem(ErrorCode.E0200, "the manifest declares no flow", fileOf(config),
                "add a [flow.main] table with nodes and edges"));
        }
        try (WasmComponentFactory wasm = wasm(config)) {
            final ComponentFactory factory = factory(wasm);
            for (final FlowConfig flow : config.flows().values()) {
                final TopologyResult result = TopologyBuilder.build(config, flow, roles(wasm));
                problems.addAll(result.problems());
                for (final NodeConfig node : flow.nodes().values()) {
                    if (!node.isBuiltin()) {
                        problems.addAll(wasm.problems(node));
                    }
                }
                if (result.topology() != null) {
                    for (final TopologyNode node : result.topology().nodes()) {
                        if (!node.config().isBuiltin()) {
                            continue;
                        }
                        try {
                            final Component c = factory.create(config, node);
                            BuiltinComponents.preflight(config, node, c);
                        } catch (final TorvynException e) {
                            problems.add(e.problem());
                        }
                    }
                }
            }
        }
        return new ArrayList<>(problems);
    }

    /** The validated topology of {@code flowName} (the first flow when null); throws with the first problem. */
    public static Topology topology(final TorvynConfig config, final String flowName) {
        try (WasmComponentFactory wasm = wasm(config)) {
            return topology(config, flowName, roles(wasm));
        }
    }

    /** As {@link #topology(TorvynConfig, String)} with the given role resolver. */
    public static Topology topology(final TorvynConfig config, final String flowName, final RoleResolver roles) {
        final FlowConfig flow = config.flow(flowName);
        if (flow == null) {
            throw new TorvynException(new Problem(ErrorCode.E0200,
                flowName == null ? "the manifest declares no flow" : "no flow named `" + flowName + "`",
                fileOf(config), "flows in this manifest: " + String.join(", ", config.flows().keySet())));
        }
        final TopologyResult result = TopologyBuilder.build(config, flow, roles);
        if (!result.problems().isEmpty()) {
            throw new TorvynException(result.problems().get(0));
        }
        return result.topology();
    }

    /** A ready-to-start run of {@code flowName}; its Wasm engines are closed with the run. */
    public static FlowRun prepare(final TorvynConfig config, final String flowName, final RunOptions options) {
        final WasmComponentFactory wasm = wasm(config);
        try {
            return new FlowRun(config, topology(config, flowName, roles(wasm)), factory(wasm), options, wasm);
        } catch (final RuntimeException e) {
            wasm.close();
            throw e;
        }
    }

    private static String fileOf(final TorvynConfig config) {
        return config.file() == null ? "Torvyn.toml" : config.file().toString();
    }
}
