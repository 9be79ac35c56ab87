package io.torvyn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.builtin.BuiltinComponents;
import io.torvyn.engine.config.ComponentDecl;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.FlowConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.topology.BuiltinRoles;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.RoleResolver;
import io.torvyn.engine.topology.TopologyBuilder;
import io.torvyn.engine.topology.TopologyNode;
import io.torvyn.engine.topology.TopologyResult;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleRoles;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmEngines;
import io.torvyn.engine.wasm.WasmFunction;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `torvyn init` gives a project whose manifest loads, whose flow is a valid topology once each Wasm node gets the
 * role its module's exports offer, whose components pass the contract and accept their configs, and whose built-ins
 * find their input files: everything about it that can be checked without the Wasm stage runtime.
 */
class InitCommandTest {

    private static WasmEngine engine;

    @TempDir
    Path temp;

    @BeforeAll
    static void startEngine() {
        engine = WasmEngines.create("chicory", new TorvynThreads("init-test"));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(ProjectTemplate.class)
    void eachTemplateCreatesARunnableLookingProject(final ProjectTemplate template) throws IOException {
        final Path dir = temp.resolve("demo-" + template.id());
        final Cli.Result result = Cli.run("init", dir.toString(), "--template", template.id());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("created"), result.out());

        for (final String file : List.of("Torvyn.toml", "README.md", ".gitignore", "build.sh", "components/torvyn.h")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(dir.resolve("build.sh")));
        assertArrayEquals(Files.readAllBytes(Cli.examples().resolve("../../sdk/c/torvyn.h").normalize()),
            Files.readAllBytes(dir.resolve("components/torvyn.h")));
        for (final String component : template.components()) {
            assertTrue(Files.isRegularFile(dir.resolve("components/" + component + ".c")), component);
            assertArrayEquals(Files.readAllBytes(Cli.examples().resolve("c/" + component + ".wasm")),
                Files.readAllBytes(dir.resolve("components/" + component + ".wasm")), component + " is prebuilt");
            assertEquals(Files.exists(Cli.examples().resolve("wat/" + component + ".wat")),
                Files.exists(dir.resolve("components/" + component + ".wat")), component + " WAT variant");
        }
        for (final String data : template.dataFiles()) {
            assertTrue(Files.size(dir.resolve("data/" + data)) > 0, data);
        }

        final ConfigResult loaded = ConfigLoader.load(dir.resolve("Torvyn.toml"), Map.of(), List.of());
        assertEquals(List.of(), loaded.problems());
        final TorvynConfig config = loaded.config();
        assertEquals("demo-" + template.id(), config.project().name());
        assertFalse(config.components().isEmpty());

        for (final ComponentDecl component : config.components()) {
            final WasmModule module = compile(component);
            assertEquals(List.of(), ModuleContract.check(module, false), component.name());
            assertEquals(0, init(module, component), component.name() + " accepts its config");
        }
        for (final FlowConfig flow : config.flows().values()) {
            final TopologyResult topology = TopologyBuilder.build(config, flow,
                BuiltinRoles.withComponents(moduleRoles(config)));
            assertEquals(List.of(), topology.problems(), flow.name());
            for (final TopologyNode node : topology.topology().nodes()) {
                if (node.config().isBuiltin()) {
                    BuiltinComponents.preflight(config, node,
                        BuiltinComponents.create(node.config(), node.role(), node.name()));
                }
            }
        }
        assertOnlyWasmNodesLackSupport(config);
    }

    @Test
    void theFullPipelineUsesEveryRole() {
        final Path dir = temp.resolve("everything");
        assertEquals(0, Cli.run("init", dir.toString(), "--template", "full-pipeline").exit());
        final TorvynConfig config = ConfigLoader.load(dir.resolve("Torvyn.toml"), Map.of(), List.of()).orThrow();
        final TopologyResult topology = TopologyBuilder.build(config, config.flow(null),
            BuiltinRoles.withComponents(moduleRoles(config)));
        final Set<Role> roles = new HashSet<>();
        topology.topology().nodes().forEach(n -> roles.add(n.role()));
        assertEquals(Set.of(Role.values()), roles);
    }

    @Test
    void aNonEmptyDirectoryNeedsForce() throws IOException {
        final Path dir = temp.resolve("taken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");

        final Cli.Result refused = Cli.run("init", dir.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().startsWith("error[E0003]: "), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertFalse(Files.exists(dir.resolve("Torvyn.toml")));

        final Cli.Result forced = Cli.run("init", dir.toString(), "--force", "--template", "filter");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.exists(dir.resolve("components/size_filter.wasm")));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "other files are kept");
    }

    @Test
    void anEmptyExistingDirectoryIsFine() throws IOException {
        final Path dir = Files.createDirectories(temp.resolve("empty"));
        assertEquals(0, Cli.run("init", dir.toString(), "-q").exit());
        assertTrue(Files.exists(dir.resolve("components/uppercase.wasm")), "transform is the default template");
    }

    @Test
    void aFileInTheWayIsRefusedEvenWithForce() throws IOException {
        final Path file = Files.writeString(temp.resolve("plain"), "x");
        final Cli.Result result = Cli.run("init", file.toString(), "--force");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("E0003"), result.err());
    }

    @Test
    void anUnknownTemplateOrAnInvalidNameIsAUsageError() {
        final Cli.Result template = Cli.run("init", temp.resolve("x").toString(), "--template", "pipeline");
        assertEquals(2, template.exit());
        assertTrue(template.err().contains("full-pipeline"), template.err());

        final Cli.Result name = Cli.run("init", temp.resolve("bad.name").toString());
        assertEquals(2, name.exit());
        assertTrue(name.err().startsWith("error[E0702]"), name.err());
        assertFalse(Files.exists(temp.resolve("bad.name")));
    }

    @Test
    void jsonOutputListsTheFilesWritten() throws IOException {
        final Path dir = temp.resolve("listed");
        final Cli.Result result = Cli.run("init", dir.toString(), "--template", "router", "--format", "json");
        assertEquals(0, result.exit(), result.err());
        final JsonNode doc = new ObjectMapper().readTree(result.out());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals("listed", doc.get("project").asText());
        assertEquals("router", doc.get("template").asText());
        assertEquals(InitCommand.hasCToolchain(), doc.get("c_toolchain").asBoolean());
        final List<String> files = new ArrayList<>();
        doc.get("files").forEach(f -> files.add(f.asText()));
        assertTrue(files.containsAll(List.of("Torvyn.toml", "build.sh", "components/content_router.c",
            "components/content_router.wasm", "components/content_router.wat", "data/events.ndjson")),
            files.toString());
        for (final String file : files) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
    }

    /** Until the Wasm stage runtime lands, Flows.check may only complain about Wasm nodes, never about the rest. */
    private static void assertOnlyWasmNodesLackSupport(final TorvynConfig config) {
        final Set<String> wasmNodes = new HashSet<>();
        config.flows().values().forEach(f -> f.nodes().values().stream().filter(n -> !n.isBuiltin())
            .forEach(n -> wasmNodes.add("flow." + f.name() + ".nodes." + n.name())));
        for (final Problem problem : Flows.check(config)) {
            assertTrue(problem.code() == ErrorCode.E0900 || problem.code() == ErrorCode.E0210, problem.render());
            assertTrue(wasmNodes.stream().anyMatch(n -> problem.where() != null && problem.where().endsWith(n)),
                problem.render());
        }
    }

    private static RoleResolver moduleRoles(final TorvynConfig config) {
        return (node, inputs, outputs) -> {
            final ComponentDecl decl = config.component(node.component());
            assertNotNull(decl, node.component());
            final ModuleRoles roles = ModuleContract.roleOf(compile(decl));
            return Role.valueOf(roles.single().name());
        };
    }

    private static WasmModule compile(final ComponentDecl component) {
        try {
            return engine.compile(Files.readAllBytes(component.path()), component.name());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int init(final WasmModule module, final ComponentDecl component) {
        final ConfigOnlyHost host = new ConfigOnlyHost(component.config());
        try (WasmInstance instance = module.instantiate(host, InstanceOptions.defaults())) {
            final WasmFunction init = instance.function(ModuleContract.INIT);
            final int rc = init == null ? 0 : init.callI32();
            assertEquals(List.of(), host.failures, component.name());
            return rc;
        }
    }
}
