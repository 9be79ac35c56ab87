package io.torvyn.engine.wasm;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a module can be, read from its exports alone (the topology decides what it is). Kept separate from the
 * topology's own role type so the Wasm layer has no dependency on it.
 *
 * @param elementRoles roles with a per-element export ({@code torvyn_process}, …)
 * @param batchRoles   roles with a batch twin ({@code torvyn_process_batch}, …)
 * @param batchArea    exports {@code torvyn_batch_area}
 * @param metadataOnly exports {@code torvyn_metadata_only} (of any kind)
 * @param init         exports {@code torvyn_init}
 * @param teardown     exports {@code torvyn_teardown}
 * @param complete     exports {@code torvyn_complete}
 */
public record ModuleRoles(Set<Role> elementRoles, Set<Role> batchRoles, boolean batchArea, boolean metadataOnly,
                          boolean init, boolean teardown, boolean complete) {

    /** A role and the exports that provide it. */
    public enum Role {
        SOURCE("torvyn_pull"),
        PROCESSOR("torvyn_process"),
        FILTER("torvyn_evaluate"),
        ROUTER("torvyn_route"),
        AGGREGATOR("torvyn_ingest"),
        SINK("torvyn_push");

        private final String export;

        Role(final String export) {
            this.export = export;
        }

        /** The per-element export, e.g. {@code torvyn_process}. */
        public String export() {
            return export;
        }

        /** The batch twin, e.g. {@code torvyn_process_batch}. */
        public String batchExport() {
            return export + "_batch";
        }
    }

    public ModuleRoles {
        elementRoles = Set.copyOf(elementRoles);
        batchRoles = Set.copyOf(batchRoles);
    }

    /** Every role the module can play, per element or batched. */
    public Set<Role> roles() {
        final EnumSet<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(elementRoles);
        all.addAll(batchRoles);
        return all;
    }

    /** The only role the module offers, or null when it offers none or several. */
    public Role single() {
        final Set<Role> all = roles();
        return all.size() == 1 ? all.iterator().next() : null;
    }

    /** Whether the host should drive {@code role} through the batch ABI. */
    public boolean isBatch(final Role role) {
        return batchArea && batchRoles.contains(role);
    }
}
