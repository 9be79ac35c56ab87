package io.torvyn.engine.wasm.component;

import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.RoleResolver;
import io.torvyn.engine.topology.TopologyNode;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleRoles;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the components of Wasm nodes ({@code [[component]]} names and {@code "file:PATH"} references) for one run,
 * and decides their roles. Holds the run's {@link WasmModules} (engines and compiled modules), so it is created per run
 * and closed when the run ends ({@code FlowRun} does it).
 *
 * <h2>Roles</h2>
 * A module's exports say what it can be ({@link ModuleContract#roleOf}); the node's position says what it is: no
 * input edges → source ({@code torvyn_pull}), no output edges → sink ({@code torvyn_push}), declared {@code ports} →
 * router ({@code torvyn_route}). Otherwise it is a transform, and a module offering several transform exports is, in
 * this order of preference, a processor ({@code torvyn_process}), an aggregator ({@code torvyn_ingest} +
 * {@code torvyn_flush}) or a filter ({@code torvyn_evaluate}); a module offering only {@code torvyn_route} stays a
 * router (and the topology asks for its ports). A batch export counts like its per-element twin; the batch ABI is used
 * whenever the role has one and the module exports {@code torvyn_batch_area}. A module with no role export at all gets
 * the role its position suggests, so that {@code check} reports the contract's own E0101 rather than a second one.
 */
public final class WasmComponentFactory implements ComponentFactory, AutoCloseable {
    private static final ModuleRoles.Role[] TRANSFORM_PREFERENCE = {ModuleRoles.Role.PROCESSOR,
        ModuleRoles.Role.AGGREGATOR, ModuleRoles.Role.FILTER};

    private final TorvynConfig config;
    private final WasmModules modules = new WasmModules();

    public WasmComponentFactory(final TorvynConfig config) {
        this.config = config;
    }

    /** The resolver of Wasm nodes' roles (compose it with built-ins: {@code BuiltinRoles.withComponents}). */
    public RoleResolver roles() {
        return this::resolve;
    }

    /** The run's modules and engines. */
    public WasmModules modules() {
        return modules;
    }

    @Override
    public Component create(final TorvynConfig cfg, final TopologyNode node) {
        final NodeConfig nodeConfig = node.config();
        final ModuleSource source = ModuleSource.of(cfg, nodeConfig);
        final LoadedModule module = modules.load(source, nodeConfig);
        final List<Problem> problems = ModuleContract.check(module.module(), nodeConfig.wasi());
        if (!problems.isEmpty()) {
            throw new TorvynException(problems.get(0));
        }
        final ModuleRoles.Role moduleRole = ModuleRoles.Role.valueOf(node.role().name());
        final boolean batch = module.roles().isBatch(moduleRole);
        if (!batch && !module.roles().elementRoles().contains(moduleRole)) {
            throw missingRoleExport(nodeConfig, node.role(), module);
        }
        final int ports = switch (node.role()) {
            case SINK -> 0;
            case ROUTER -> node.ports().size();
            default -> 1;
        };
        final WasmComponentSpec spec = new WasmComponentSpec(nodeConfig, source, module, node.role(),
            batch ? moduleRole.batchExport() : moduleRole.export(), batch, ports,
            "node `" + nodeConfig.name() + "` (" + module.origin() + ")");
        return switch (node.role()) {
            case SOURCE -> new WasmSource(spec);
            case SINK -> new WasmSink(spec);
            default -> batch ? new WasmBatchTransform(spec) : new WasmTransform(spec);
        };
    }

    /**
     * The problems {@code torvyn check} reports for a Wasm node: the module's load failure (E0020, E0100, E0404, …)
     * or its contract problems (E0101, E0102, E0103, E0500). Empty for a node whose module file is missing (the
     * topology reports that as E0210).
     */
    public List<Problem> problems(final NodeConfig node) {
        final ModuleSource source;
        try {
            source = ModuleSource.of(config, node);
        } catch (final TorvynException e) {
            return List.of();
        }
        if (!Files.isRegularFile(source.path())) {
            return List.of();
        }
        try {
            final LoadedModule module = modules.load(source, node);
            return new ArrayList<>(ModuleContract.check(module.module(), node.wasi()));
        } catch (final TorvynException e) {
            return List.of(e.problem());
        }
    }

    private Role resolve(final NodeConfig node, final int inputs, final int outputs) {
        final LoadedModule module = modules.load(config, node);
        final Set<ModuleRoles.Role> offered = module.roles().roles();
        if (inputs == 0) {
            return require(node, Role.SOURCE, offered, module, "it has no input edges");
        }
        if (outputs == 0) {
            return require(node, Role.SINK, offered, module, "it has no output edges");
        }
        if (!node.ports().isEmpty()) {
            return require(node, Role.ROUTER, offered, module, "it declares ports");
        }
        for (final ModuleRoles.Role candidate : TRANSFORM_PREFERENCE) {
            if (offered.contains(candidate)) {
                return Role.valueOf(candidate.name());
            }
        }
        if (offered.isEmpty()) {
            return Role.PROCESSOR;
        }
        if (offered.contains(ModuleRoles.Role.ROUTER)) {
            return Role.ROUTER;
        }
        throw new TorvynException(new Problem(ErrorCode.E0101, "node `" + node.name() + "` has input and output "
            + "edges, but '" + module.origin() + "' exports no transform function (it offers: " + describe(offered)
            + ")", null, "export torvyn_process, torvyn_evaluate, torvyn_ingest + torvyn_flush or torvyn_route "
            + "(or a _batch twin), or move the node to the start or end of the flow"));
    }

    private static Role require(final NodeConfig node, final Role role, final Set<ModuleRoles.Role> offered,
                                final LoadedModule module, final String because) {
        final ModuleRoles.Role wanted = ModuleRoles.Role.valueOf(role.name());
        if (offered.contains(wanted) || offered.isEmpty()) {
            return role;
        }
        throw new TorvynException(new Problem(ErrorCode.E0101, "node `" + node.name() + "` is a " + role.key()
            + " (" + because + "), but '" + module.origin() + "' lacks export \"" + wanted.export() + "\" (it offers: "
            + describe(offered) + ")", null,
            "export " + wanted.export() + " (or " + wanted.batchExport() + " with torvyn_batch_area), or change the "
                + "node's edges to match what the module is"));
    }

    private static TorvynException missingRoleExport(final NodeConfig node, final Role role,
                                                     final LoadedModule module) {
        final ModuleRoles.Role wanted = ModuleRoles.Role.valueOf(role.name());
        return new TorvynException(new Problem(ErrorCode.E0101, "'" + module.origin() + "' lacks export \""
            + wanted.export() + "\" needed by " + role.key() + " node `" + node.name() + "`", module.origin(),
            "export " + wanted.export() + ", or " + wanted.batchExport() + " together with torvyn_batch_area"));
    }

    private static String describe(final Set<ModuleRoles.Role> offered) {
        final List<String> names = new ArrayList<>();
        for (final ModuleRoles.Role r : offered) {
            names.add(r.name().toLowerCase());
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** Closes the run's engines. */
    @Override
    public void close() {
        modules.close();
    }
}
