package io.torvyn.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.wasm.ExportInfo;
import io.torvyn.engine.wasm.ImportInfo;
import io.torvyn.engine.wasm.LinearMemoryLimits;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.ModuleRoles;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `torvyn inspect FILE`: what a module is as a component, from its metadata alone (nothing runs). Answers "which role
 * can this play, what does it import, how much memory does it start with, is it batch-capable" without a manifest,
 * and lists the contract problems `check` would report for it.
 */
@Command(name = "inspect", description = "Show a module's roles, exports, imports, memory limits, size, batch and "
    + "metadata-only declarations, and its contract problems (exit 1 when it has any).")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .wasm binary or .wat text module")
    Path file;

    @Option(names = "--engine", description = "engine that parses the module: chicory (default) or wasmtime")
    String engine = "chicory";

    @Option(names = "--wasi", description = "accept WASI imports, as on a node with wasi = true")
    boolean wasi;

    @Override
    public Integer call() throws Exception {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            return fail(new Problem(ErrorCode.E0020, "cannot read " + file + ": no such file", file.toString(),
                "give the path of a .wasm or .wat module"));
        } catch (final IOException e) {
            return fail(new Problem(ErrorCode.E0020, "cannot read " + file + ": " + e.getMessage(), file.toString(),
                "check the path and its permissions"));
        }
        final ModuleDescriptor module;
        try (WasmEngine wasm = WasmEngines.create(engine, new TorvynThreads("inspect"))) {
            module = wasm.compile(bytes, file.getFileName().toString()).descriptor();
        } catch (final TorvynException e) {
            return fail(e.problem());
        }
        final List<Problem> problems = ModuleContract.check(module, wasi);
        final ModuleRoles roles = ModuleContract.roleOf(module);
        if (global.json()) {
            System.out.println(Output.JSON.writeValueAsString(json(module, roles, problems)));
        } else {
            human(System.out, module, roles, problems);
        }
        return CheckCommand.exitCode(problems);
    }

    private int fail(final Problem problem) throws IOException {
        if (global.json()) {
            final ObjectNode doc = Output.JSON.createObjectNode();
            doc.put("file", file.toString());
            doc.put("ok", false);
            problems(doc.putArray("problems"), List.of(problem));
            System.out.println(Output.JSON.writeValueAsString(doc));
        } else {
            Output.problem(System.err, problem);
        }
        return problem.code().exitCode();
    }

    private void human(final PrintStream out, final ModuleDescriptor module, final ModuleRoles roles,
                       final List<Problem> problems) {
        out.println(file);
        row(out, "size", Output.count(module.sizeBytes()) + " bytes  sha256 " + module.digest());
        row(out, "role", roles.roles().isEmpty() ? "none" : String.join(", ", roleNames(roles)));
        row(out, "batch export", roles.batchRoles().isEmpty() ? "no"
            : "yes (" + String.join(", ", batchExports(roles)) + (roles.batchArea() ? "" : ", no torvyn_batch_area")
                + ")");
        row(out, "metadata-only", roles.metadataOnly() ? "yes" : "no");
        row(out, "lifecycle", lifecycle(roles).isEmpty() ? "none" : String.join(", ", lifecycle(roles)));
        row(out, "memory", module.memoryLimits().map(InspectCommand::memory).orElse("none"));
        int width = 0;
        for (final ExportInfo export : module.exports()) {
            width = Math.max(width, export.name().length() + 2);
        }
        for (final ImportInfo imported : module.imports()) {
            width = Math.max(width, imported.module().length() + imported.name().length() + 3);
        }
        out.println("  exports (" + module.exports().size() + ")");
        for (final ExportInfo export : module.exports()) {
            out.println("    " + pad(export.name(), width) + type(export));
        }
        out.println("  imports (" + module.imports().size() + ")");
        for (final ImportInfo imported : module.imports()) {
            out.println("    " + pad(imported.module() + "." + imported.name(), width) + imported.kind().text()
                + (imported.signature() == null ? "" : " " + imported.signature()));
        }
        row(out, "contract", problems.isEmpty() ? "ok" : problems.size() + " problem(s)");
        for (final Problem p : problems) {
            out.println();
            out.println(p.render());
        }
    }

    private ObjectNode json(final ModuleDescriptor module, final ModuleRoles roles, final List<Problem> problems) {
        final ObjectNode doc = Output.JSON.createObjectNode();
        doc.put("file", file.toString());
        doc.put("size_bytes", module.sizeBytes());
        doc.put("sha256", module.digest());
        final ArrayNode roleList = doc.putArray("roles");
        roles.roles().forEach(r -> roleList.add(r.name().toLowerCase(Locale.ROOT)));
        doc.put("batch", !roles.batchRoles().isEmpty());
        final ArrayNode batchList = doc.putArray("batch_roles");
        roles.batchRoles().forEach(r -> batchList.add(r.name().toLowerCase(Locale.ROOT)));
        doc.put("batch_area", roles.batchArea());
        doc.put("metadata_only", roles.metadataOnly());
        doc.put("init", roles.init());
        doc.put("teardown", roles.teardown());
        doc.put("complete", roles.complete());
        final ObjectNode memory = doc.putObject("memory");
        module.memoryLimits().ifPresentOrElse(limits -> {
            memory.put("min_pages", limits.minPages());
            memory.put("min_bytes", limits.minBytes());
            if (limits.hasMax()) {
                memory.put("max_pages", limits.maxPages());
                memory.put("max_bytes", limits.maxBytes());
            } else {
                memory.putNull("max_pages");
                memory.putNull("max_bytes");
            }
        }, () -> doc.putNull("memory"));
        final ArrayNode exports = doc.putArray("exports");
        for (final ExportInfo export : module.exports()) {
            final ObjectNode e = exports.addObject().put("name", export.name()).put("kind", export.kind().text());
            if (export.signature() != null) {
                e.put("signature", export.signature().toString());
            }
            if (export.globalType() != null) {
                e.put("type", export.globalType().text()).put("mutable", export.globalMutable());
            }
        }
        final ArrayNode imports = doc.putArray("imports");
        for (final ImportInfo imported : module.imports()) {
            final ObjectNode i = imports.addObject().put("module", imported.module()).put("name", imported.name())
                .put("kind", imported.kind().text());
            if (imported.signature() != null) {
                i.put("signature", imported.signature().toString());
            }
        }
        doc.put("ok", problems.isEmpty());
        problems(doc.putArray("problems"), problems);
        return doc;
    }

    private static void problems(final ArrayNode list, final List<Problem> problems) {
        for (final Problem p : problems) {
            list.addObject().put("code", p.code().name()).put("message", p.message()).put("where", p.where())
                .put("help", p.help());
        }
    }

    private static List<String> roleNames(final ModuleRoles roles) {
        final List<String> names = new ArrayList<>();
        for (final ModuleRoles.Role role : roles.roles()) {
            final String name = role.name().toLowerCase(Locale.ROOT);
            names.add(roles.isBatch(role) && !roles.elementRoles().contains(role) ? name + " (batch)"
                : roles.isBatch(role) ? name + " (per element and batch)" : name);
        }
        return names;
    }

    private static List<String> batchExports(final ModuleRoles roles) {
        final List<String> names = new ArrayList<>();
        roles.batchRoles().forEach(r -> names.add(r.batchExport()));
        return names;
    }

    private static List<String> lifecycle(final ModuleRoles roles) {
        final List<String> names = new ArrayList<>();
        if (roles.init()) {
            names.add(ModuleContract.INIT);
        }
        if (roles.teardown()) {
            names.add(ModuleContract.TEARDOWN);
        }
        if (roles.complete()) {
            names.add(ModuleContract.COMPLETE);
        }
        return names;
    }

    private static String memory(final LinearMemoryLimits limits) {
        final String min = "min " + limits.minPages() + " page(s) (" + Output.bytes(limits.minBytes()) + ")";
        return limits.hasMax()
            ? min + ", max " + limits.maxPages() + " page(s) (" + Output.bytes(limits.maxBytes()) + ")"
            : min + ", no max (capped by max_memory)";
    }

    private static String type(final ExportInfo export) {
        if (export.signature() != null) {
            return export.kind().text() + " " + export.signature();
        }
        if (export.globalType() != null) {
            return export.kind().text() + " " + (export.globalMutable() ? "mut " : "") + export.globalType().text();
        }
        return export.kind().text();
    }

    private static void row(final PrintStream out, final String label, final String value) {
        out.println("  " + pad(label, 15) + value);
    }

    private static String pad(final String s, final int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
