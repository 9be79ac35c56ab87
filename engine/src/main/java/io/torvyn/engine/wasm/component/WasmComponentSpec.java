package io.torvyn.engine.wasm.component;

import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.topology.Role;

/**
 * Everything the factory decided about one Wasm node, handed to its component class.
 *
 * @param node       the node's effective config
 * @param source     where its module and config string came from
 * @param module     the loaded module
 * @param role       its role in the flow
 * @param roleExport the export called per element ({@code torvyn_process}) or per batch ({@code _batch})
 * @param batch      whether it is driven through the batch ABI
 * @param portCount  output ports: 0 for a sink, the declared ports of a router, 1 otherwise
 * @param where      the node and module, for messages
 */
record WasmComponentSpec(NodeConfig node, ModuleSource source, LoadedModule module, Role role, String roleExport,
                         boolean batch, int portCount, String where) {
}
