package io.torvyn.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fully validated, defaults-filled `Torvyn.toml`. Everything downstream (topology, runtime, CLI) reads this model
 * and never the TOML tree, so the validation rules live in exactly one place: {@link ConfigLoader}.
 *
 * @param file          the manifest the model was read from (null when built in code)
 * @param baseDir       directory that relative paths (component modules, files) resolve against
 * @param project       the `[torvyn]` table
 * @param components    `[[component]]` entries, in file order
 * @param flows         `[flow.NAME]` tables, in file order
 * @param runtime       `[runtime]` with its sub-tables
 * @param journal       `[journal]`
 * @param observability `[observability]`
 */
public record TorvynConfig(Path file, Path baseDir, ProjectInfo project, List<ComponentDecl> components,
                           Map<String, FlowConfig> flows, RuntimeConfig runtime, JournalConfig journal,
                           ObservabilityConfig observability) {

    public ComponentDecl component(final String name) {
        for (final ComponentDecl c : components) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The flow named, or the only/first flow when {@code name} is null. */
    public FlowConfig flow(final String name) {
        if (name == null) {
            return flows.isEmpty() ? null : flows.values().iterator().next();
        }
        return flows.get(name);
    }

    /** This config with {@code journal} in place of its `[journal]` table: switches the journal level per run. */
    public TorvynConfig withJournal(final JournalConfig journal) {
        return new TorvynConfig(file, baseDir, project, components, flows, runtime, journal, observability);
    }
}
