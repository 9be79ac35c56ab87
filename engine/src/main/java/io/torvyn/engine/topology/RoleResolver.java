package io.torvyn.engine.topology;

import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.error.TorvynException;

/**
 * Decides a node's {@link Role}. Built-ins know theirs ({@link BuiltinRoles}); a Wasm component's role comes from its
 * exports, which only the module loader can read, so {@link TopologyBuilder} takes the resolver as a parameter instead
 * of depending on the loader.
 */
@FunctionalInterface
public interface RoleResolver {

    /**
     * The role of {@code node}, given how many edges enter and leave it.
     *
     * @param inputs  edges into the node
     * @param outputs edges out of the node, over all ports
     * @throws TorvynException when the role cannot be decided (unknown built-in, a module without a role's exports)
     */
    Role resolve(NodeConfig node, int inputs, int outputs) throws TorvynException;
}
