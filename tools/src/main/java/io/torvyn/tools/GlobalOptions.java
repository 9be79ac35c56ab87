package io.torvyn.tools;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The global options of spec/cli.md, mixed into every sub-command. */
public final class GlobalOptions {
    @Option(names = "--manifest", description = "path of Torvyn.toml (default: ./Torvyn.toml)")
    Path manifest = Path.of("Torvyn.toml");

    @Option(names = "--format", description = "human or json (one JSON document on stdout)")
    String format = "human";

    @Option(names = {"-q", "--quiet"}, description = "print only errors and the result")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "print more detail")
    boolean verbose;

    @Option(names = "--color", description = "auto, always or never (NO_COLOR is honoured)")
    String color = "auto";

    boolean json() {
        return "json".equals(format);
    }
}
