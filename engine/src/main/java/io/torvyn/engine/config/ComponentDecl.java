package io.torvyn.engine.config;

import java.nio.file.Path;

/**
 * One `[[component]]` entry.
 *
 * @param name   unique name nodes refer to
 * @param path   the module, already resolved against the manifest's directory
 * @param config string handed to `torvyn_init`, or null
 */
public record ComponentDecl(String name, Path path, String config) {
}
