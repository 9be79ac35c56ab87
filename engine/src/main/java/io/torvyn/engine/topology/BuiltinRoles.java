package io.torvyn.engine.topology;

import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.util.List;

/**
 * The roles of the native built-ins (config.md "Built-in components"). A resolver for Wasm components delegates
 * `builtin:` nodes here via {@link #withComponents(RoleResolver)}; `check` without module loading can use
 * {@link #inferringComponents()}.
 */
public final class BuiltinRoles implements RoleResolver {

    /** Every built-in kind, as written after "builtin:". */
    public static final List<String> KINDS = List.of("generator", "file", "null", "forward", "collect");

    private final RoleResolver components;

    /**
     * Built-ins only: for a resolver of Wasm components that hands `builtin:` nodes to this one. Asking it about any
     * other node is a bug (E0900).
     */
    public BuiltinRoles() {
        this(BuiltinRoles::noComponents);
    }

    private BuiltinRoles(final RoleResolver components) {
        this.components = components;
    }

    /** Built-ins resolved here; any other node by {@code components}. */
    public static BuiltinRoles withComponents(final RoleResolver components) {
        return new BuiltinRoles(components);
    }

    /**
     * Built-ins resolved here; any other node's role guessed from its shape (declared ports: router, no inputs:
     * source, no outputs: sink, else processor). For tests and tools that do not load modules.
     */
    public static BuiltinRoles inferringComponents() {
        return new BuiltinRoles(BuiltinRoles::fromShape);
    }

    public static boolean isKnown(final String kind) {
        return KINDS.contains(kind);
    }

    @Override
    public Role resolve(final NodeConfig node, final int inputs, final int outputs) {
        if (!node.isBuiltin()) {
            return components.resolve(node, inputs, outputs);
        }
        final String kind = node.builtinKind();
        switch (kind) {
            case "generator":
                return Role.SOURCE;
            case "forward":
                return Role.PROCESSOR;
            case "null":
            case "collect":
                return Role.SINK;
            case "file":
                return fileRole(node, inputs, outputs);
            default:
                throw new TorvynException(ErrorCode.E0210, "unknown built-in `" + node.component() + "` used by node `"
                    + node.name() + "`", null, "built-ins are: builtin:" + String.join(", builtin:", KINDS));
        }
    }

    private static Role fileRole(final NodeConfig node, final int inputs, final int outputs) {
        if (inputs == 0 && outputs > 0) {
            return Role.SOURCE;
        }
        if (outputs == 0 && inputs > 0) {
            return Role.SINK;
        }
        throw new TorvynException(ErrorCode.E0200, "node `" + node.name() + "` (builtin:file) has " + inputs
            + " input(s) and " + outputs + " output(s): builtin:file is a source (outputs only) or a sink "
            + "(inputs only)",
            null, "give it either only outgoing edges (read a file) or only incoming edges (write one)");
    }

    private static Role noComponents(final NodeConfig node, final int inputs, final int outputs) {
        throw new TorvynException(ErrorCode.E0900, "no role resolver for component `" + node.component()
            + "` of node `" + node.name() + "`", null, "this is a bug: please report it");
    }

    private static Role fromShape(final NodeConfig node, final int inputs, final int outputs) {
        if (!node.ports().isEmpty()) {
            return Role.ROUTER;
        }
        if (inputs == 0) {
            return Role.SOURCE;
        }
        return outputs == 0 ? Role.SINK : Role.PROCESSOR;
    }
}
