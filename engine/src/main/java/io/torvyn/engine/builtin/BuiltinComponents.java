package io.torvyn.engine.builtin;

import io.torvyn.engine.component.Component;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.TopologyNode;

/**
 * The factory of `builtin:*` components. Construction parses and validates the node's config, so `torvyn check` can
 * build every built-in once to report bad config before anything runs.
 */
public final class BuiltinComponents implements ComponentFactory {

    @Override
    public Component create(final TorvynConfig config, final TopologyNode node) {
        return create(node.config(), node.role(), where(config, node.config()));
    }

    /** Creates the built-in for {@code node} in {@code role}. */
    public static Component create(final NodeConfig node, final Role role, final String where) {
        final String kind = node.builtinKind();
        switch (kind == null ? "" : kind) {
            case "generator":
                return new GeneratorSource(node.config(), where);
            case "file":
                return role == Role.SOURCE ? new FileSource(node.config(), where) : new FileSink(node.config(), where);
            case "null":
                return new NullSink(node.config(), where);
            case "forward":
                return new ForwardProcessor();
            case "collect":
                return new CollectSink(node.config(), where);
            default:
                throw new TorvynException(new Problem(ErrorCode.E0210, "unknown built-in `" + node.component() + "`",
                    where, "built-ins are builtin:generator, builtin:file, builtin:null, builtin:forward, "
                    + "builtin:collect"));
        }
    }

    /** Runs the checks a built-in can do before the flow starts (an input file that cannot be read, ...). */
    public static void preflight(final TorvynConfig config, final TopologyNode node, final Component component) {
        if (component instanceof FileSource fs && !fs.path().equals("-")) {
            final java.nio.file.Path p = java.nio.file.Path.of(fs.path());
            fs.checkReadable(p.isAbsolute() || config.baseDir() == null ? p : config.baseDir().resolve(p));
        }
    }

    private static String where(final TorvynConfig config, final NodeConfig node) {
        final String file = config.file() == null ? "Torvyn.toml" : config.file().getFileName().toString();
        return file + ": node `" + node.name() + "` config";
    }
}
