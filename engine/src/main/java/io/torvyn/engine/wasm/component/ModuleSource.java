package io.torvyn.engine.wasm.component;

import io.torvyn.engine.config.ComponentDecl;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a Wasm node's module and config come from: a {@code [[component]]} entry (its path, and its config unless the
 * node gives its own) or a {@code "file:PATH"} reference relative to the manifest. Resolved once per node at setup.
 *
 * @param path   the {@code .wasm} or {@code .wat} file
 * @param origin the file name, used in messages
 * @param config the config string {@code torvyn_init} reads through the {@code config} import, or null
 */
public record ModuleSource(Path path, String origin, String config) {

    private static final String FILE_PREFIX = "file:";

    /** The module of {@code node}; raises E0210 when its component reference names nothing. */
    public static ModuleSource of(final TorvynConfig config, final NodeConfig node) {
        final String ref = node.component();
        if (ref.startsWith(FILE_PREFIX)) {
            final Path path = resolve(config, ref.substring(FILE_PREFIX.length()), node);
            return new ModuleSource(path, fileName(path), node.config());
        }
        final ComponentDecl decl = config.component(ref);
        if (decl == null) {
            throw new TorvynException(ErrorCode.E0210, "node `" + node.name() + "` uses component `" + ref
                + "`, which is neither a [[component]], \"file:PATH\" nor \"builtin:KIND\"", null,
                "declare it as a [[component]] with a name and path");
        }
        return new ModuleSource(decl.path(), fileName(decl.path()),
            node.config() != null ? node.config() : decl.config());
    }

    private static Path resolve(final TorvynConfig config, final String text, final NodeConfig node) {
        try {
            final Path p = Path.of(text);
            return p.isAbsolute() || config.baseDir() == null ? p : config.baseDir().resolve(p).normalize();
        } catch (final InvalidPathException e) {
            throw new TorvynException(ErrorCode.E0210, "node `" + node.name() + "` uses `" + node.component()
                + "`, which is not a valid path", null, "write file:PATH with a path relative to Torvyn.toml");
        }
    }

    private static String fileName(final Path path) {
        final Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
