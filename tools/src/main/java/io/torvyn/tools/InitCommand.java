package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `torvyn init NAME`: a project that runs as created (prebuilt components, data, a flow that ends by itself) and
 * shows how to change it (C and WAT sources, torvyn.h, build.sh).
 */
@Command(name = "init", description = "Create a new project: Torvyn.toml, components in C (with torvyn.h) and WAT "
    + "with prebuilt .wasm, build.sh and sample data.")
final class InitCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "directory to create; its name is the project name")
    Path target;

    @Option(names = "--template", paramLabel = "TEMPLATE",
        description = "transform (default), filter, router, source, sink, aggregator or full-pipeline")
    String template = ProjectTemplate.DEFAULT.id();

    @Option(names = "--force", description = "write into an existing non-empty directory")
    boolean force;

    @Override
    public Integer call() throws Exception {
        final ProjectTemplate chosen = ProjectTemplate.byId(template);
        if (chosen == null) {
            return fail(new Problem(ErrorCode.E0702, "unknown template `" + template + "`", "--template",
                "use one of: " + ProjectTemplate.ids()));
        }
        final List<Path> files;
        try {
            files = ProjectWriter.create(target, chosen, force);
        } catch (final TorvynException e) {
            return fail(e.problem());
        }
        if (global.json()) {
            final ObjectNode doc = Output.JSON.createObjectNode();
            doc.put("ok", true);
            doc.put("project", target.toAbsolutePath().normalize().getFileName().toString());
            doc.put("directory", target.toString());
            doc.put("template", chosen.id());
            final ArrayNode list = doc.putArray("files");
            files.forEach(f -> list.add(f.toString().replace('\\', '/')));
            doc.put("c_toolchain", hasCToolchain());
            System.out.println(Output.JSON.writeValueAsString(doc));
        } else if (!global.quiet) {
            final PrintStream out = System.out;
            out.println("created " + target + " (" + chosen.id() + ": " + chosen.description() + "), "
                + files.size() + " files");
            out.println();
            out.println("  cd " + target);
            out.println("  torvyn check     # validate the manifest, the flow and the components");
            out.println("  torvyn run       # run it; outputs go to out/");
            out.println("  ./build.sh       # rebuild components/*.wasm after editing components/*.c");
            if (!hasCToolchain()) {
                System.err.println("note: no C -> wasm32 toolchain on PATH (clang, wasm-ld): the prebuilt components "
                    + "run as they are; install clang and lld to rebuild them with ./build.sh");
            }
        }
        return 0;
    }

    /** Whether build.sh can run here; a missing toolchain is only a note, since the project ships prebuilt .wasm. */
    static boolean hasCToolchain() {
        return onPath("clang") && onPath("wasm-ld");
    }

    private static boolean onPath(final String tool) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (final String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private int fail(final Problem problem) throws Exception {
        if (global.json()) {
            final ObjectNode doc = Output.JSON.createObjectNode();
            doc.put("ok", false);
            doc.putArray("problems").addObject().put("code", problem.code().name()).put("message", problem.message())
                .put("where", problem.where()).put("help", problem.help());
            System.out.println(Output.JSON.writeValueAsString(doc));
        } else {
            Output.problem(System.err, problem);
        }
        return problem.code().exitCode();
    }
}
