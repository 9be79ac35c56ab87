package io.torvyn.engine.topology;

import io.torvyn.engine.config.BackpressurePolicy;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TopologyBuilderTest {

    private static final String HEADER = "[torvyn]\nname = \"t\"\nversion = \"0.1.0\"\n"
        + "[[component]]\nname = \"proc\"\npath = \"proc.wasm\"\n"
        + "[[component]]\nname = \"router\"\npath = \"router.wasm\"\n";

    @TempDir
    Path dir;

    @BeforeEach
    void modules() throws IOException {
        Files.writeString(dir.resolve("proc.wasm"), "");
        Files.writeString(dir.resolve("router.wasm"), "");
        Files.writeString(dir.resolve("local.wat"), "(module)");
    }

    private static String node(final String name, final String component) {
        return "[flow.f.nodes." + name + "]\ncomponent = \"" + component + "\"\n";
    }

    private static String edge(final String from, final String to) {
        return "[[flow.f.edges]]\nfrom = \"" + from + "\"\nto = \"" + to + "\"\n";
    }

    private TopologyResult build(final String flow) {
        return build(flow, BuiltinRoles.inferringComponents());
    }

    private TopologyResult build(final String flow, final RoleResolver roles) {
        final TorvynConfig cfg = ConfigLoader.fromString(HEADER + flow, dir);
        return TopologyBuilder.build(cfg, cfg.flow("f"), roles);
    }

    private static Problem single(final TopologyResult result, final ErrorCode code) {
        assertNull(result.topology());
        assertEquals(1, result.problems().size(), () -> render(result));
        assertEquals(code, result.problems().get(0).code(), () -> render(result));
        return result.problems().get(0);
    }

    private static Topology ok(final TopologyResult result) {
        if (!result.ok()) {
            fail(render(result));
        }
        return result.topology();
    }

    private static String render(final TopologyResult result) {
        return result.problems().stream().map(Problem::render).collect(Collectors.joining("\n"));
    }

    private static List<String> names(final Topology topology) {
        return topology.nodes().stream().map(TopologyNode::name).toList();
    }

    @Test
    void pipelineSampleBuildsInTopologicalOrder() throws URISyntaxException {
        final TorvynConfig cfg = ConfigLoader.load(Path.of(getClass().getResource("/configs/pipeline.toml").toURI()),
            Map.of(), List.of()).orThrow();
        final Topology topology = ok(TopologyBuilder.build(cfg, cfg.flow("main"), BuiltinRoles.inferringComponents()));

        assertEquals("main", topology.flowName());
        assertEquals(List.of("gen", "fwd", "sink"), names(topology), "declared sink, fwd, gen");
        assertEquals(List.of(Role.SOURCE, Role.PROCESSOR, Role.SINK),
            topology.nodes().stream().map(TopologyNode::role).toList());
        assertEquals(new TopologyEdge(0, 0, 0, 1, 64, BackpressurePolicy.BLOCK, "gen->fwd"), topology.edge(0));
        assertEquals(new TopologyEdge(1, 1, 0, 2, 8, BackpressurePolicy.BLOCK, "fwd->sink"), topology.edge(1));
        final TopologyNode fwd = topology.node("fwd");
        assertEquals(1, fwd.index());
        assertArrayEquals(new int[] {0}, fwd.inputEdges());
        assertArrayEquals(new int[][] {{1}}, fwd.outputEdgesByPort());
        assertEquals(List.of(), fwd.ports());
        assertArrayEquals(new int[][] {{}}, topology.node("sink").outputEdgesByPort());
        assertArrayEquals(new int[0], topology.node("gen").inputEdges());
    }

    @Test
    void sourcesComeFirstAndProducersPrecedeConsumers() {
        final Topology topology = ok(build(node("out", "builtin:null") + node("mid", "builtin:forward")
            + node("a", "builtin:generator") + node("join", "proc") + node("b", "builtin:generator")
            + edge("a", "mid") + edge("mid", "join") + edge("b", "join") + edge("join", "out")));
        assertEquals(List.of("a", "b", "mid", "join", "out"), names(topology));
        for (final TopologyEdge e : topology.edges()) {
            assertTrue(e.fromNode() < e.toNode(), e.label());
        }
    }

    @Test
    void fanInAndFanOutShapesAreValid() {
        final StringBuilder flow = new StringBuilder(node("g1", "builtin:generator") + node("g2", "builtin:generator")
            + node("mix", "builtin:forward"));
        flow.append(edge("g1", "mix")).append(edge("g2", "mix"));
        for (int i = 0; i < 16; i++) {
            flow.append(node("s" + i, "builtin:null")).append(edge("mix", "s" + i));
        }
        final Topology topology = ok(build(flow.toString()));
        final TopologyNode mix = topology.node("mix");
        assertArrayEquals(new int[] {0, 1}, mix.inputEdges());
        assertEquals(16, mix.outputCount());
        assertEquals(1, mix.portCount());
        assertEquals(18, topology.edges().size());
    }

    @Test
    void routerOutputsAreGroupedByDeclaredPort() {
        final Topology topology = ok(build(node("g", "builtin:generator")
            + "[flow.f.nodes.r]\ncomponent = \"router\"\nports = [\"metrics\", \"logs\", \"rest\"]\n"
            + node("m", "builtin:null") + node("l1", "builtin:null") + node("l2", "builtin:collect")
            + edge("g", "r") + edge("r:logs", "l1") + edge("r:metrics", "m") + edge("r:logs", "l2")));
        final TopologyNode r = topology.node("r");
        assertEquals(Role.ROUTER, r.role());
        assertEquals(List.of("metrics", "logs", "rest"), r.ports());
        assertArrayEquals(new int[][] {{2}, {1, 3}, {}}, r.outputEdgesByPort());
        assertEquals(1, topology.edge(1).fromPort());
        assertEquals("r:logs->l1", topology.edge(1).label());
        assertEquals(0, topology.edge(2).fromPort());
        assertEquals(1, build(node("g", "builtin:generator")
            + "[flow.f.nodes.r]\ncomponent = \"router\"\nports = [\"metrics\", \"logs\", \"rest\"]\n"
            + node("m", "builtin:null") + edge("g", "r") + edge("r:metrics", "m")).warnings().stream()
            .filter(w -> w.contains("r:logs")).count(), "an unconnected port is worth a warning");
    }

    @Test
    void cycleIsE0200AndNamed() {
        final Problem p = single(build(node("g", "builtin:generator") + node("a", "proc") + node("b", "proc")
            + node("c", "proc") + node("s", "builtin:null")
            + edge("g", "a") + edge("a", "b") + edge("b", "c") + edge("c", "a") + edge("c", "s")), ErrorCode.E0200);
        assertTrue(p.message().contains("a -> b -> c -> a"), p.message());
        assertEquals("Torvyn.toml: flow.f.edges[3]", p.where());
    }

    @Test
    void everyCycleIsReported() {
        final TopologyResult result = build(node("g", "builtin:generator") + node("a", "proc") + node("b", "proc")
            + node("x", "proc") + node("y", "proc") + node("s", "builtin:null")
            + edge("g", "a") + edge("a", "b") + edge("b", "a") + edge("b", "x") + edge("x", "y") + edge("y", "x")
            + edge("y", "s"));
        assertEquals(2, result.problems().size(), () -> render(result));
        assertTrue(result.problems().stream().allMatch(p -> p.message().startsWith("cycle")), () -> render(result));
    }

    @Test
    void selfLoopIsE0200() {
        final Problem p = single(build(node("g", "builtin:generator") + node("p", "proc") + node("s", "builtin:null")
            + edge("g", "p") + edge("p", "p") + edge("p", "s")), ErrorCode.E0200);
        assertTrue(p.message().startsWith("self-loop"), p.message());
        assertEquals("Torvyn.toml: flow.f.edges[1]", p.where());
    }

    @Test
    void unknownNodeIsE0201WithSuggestion() {
        final Problem p = single(build(node("gen", "builtin:generator") + node("sink", "builtin:null")
            + edge("gen", "snk") + edge("gen", "sink")), ErrorCode.E0201);
        assertTrue(p.message().contains("`snk`"), p.message());
        assertEquals("did you mean `sink`?", p.help());
        assertEquals("Torvyn.toml: flow.f.edges[0]", p.where());
    }

    @Test
    void unknownRouterPortIsE0204() {
        final String router = node("g", "builtin:generator")
            + "[flow.f.nodes.r]\ncomponent = \"router\"\nports = [\"metrics\", \"logs\"]\n" + node("s", "builtin:null")
            + edge("g", "r");
        final Problem p = single(build(router + edge("r:metrcs", "s") + edge("r:logs", "s")), ErrorCode.E0204);
        assertTrue(p.message().contains("`metrcs`"), p.message());
        assertEquals("did you mean `r:metrics`?", p.help());

        final Problem noPort = single(build(router + edge("r", "s") + edge("r:logs", "s")), ErrorCode.E0204);
        assertTrue(noPort.help().contains("metrics, logs"), noPort.help());

        final Problem notRouter = single(build(node("g", "builtin:generator") + node("s", "builtin:null")
            + edge("g:out", "s")), ErrorCode.E0204);
        assertTrue(notRouter.message().contains("not a router"), notRouter.message());
    }

    @Test
    void fanLimitIsSixteenPerPort() {
        final StringBuilder out = new StringBuilder(node("g", "builtin:generator"));
        final StringBuilder in = new StringBuilder(node("s", "builtin:null"));
        for (int i = 0; i < 17; i++) {
            out.append(node("s" + i, "builtin:null")).append(edge("g", "s" + i));
            in.append(node("g" + i, "builtin:generator")).append(edge("g" + i, "s"));
        }
        final Problem fanOut = single(build(out.toString()), ErrorCode.E0205);
        assertTrue(fanOut.message().contains("17 output edges"), fanOut.message());
        final Problem fanIn = single(build(in.toString()), ErrorCode.E0205);
        assertTrue(fanIn.message().contains("17 input edges"), fanIn.message());
    }

    @Test
    void orphanIsE0200() {
        final Problem p = single(build(node("g", "builtin:generator") + node("s", "builtin:null")
            + node("lost", "builtin:forward") + edge("g", "s")), ErrorCode.E0200);
        assertTrue(p.message().contains("orphan"), p.message());
        assertEquals("Torvyn.toml: flow.f.nodes.lost", p.where());
    }

    @Test
    void sourceWithInputsIsE0200() {
        final Problem p = single(build(node("g", "builtin:generator") + node("g2", "builtin:generator")
            + node("s", "builtin:null") + edge("g", "g2") + edge("g2", "s")), ErrorCode.E0200);
        assertTrue(p.message().startsWith("source `g2` has 1 input"), p.message());
    }

    @Test
    void sinkWithOutputsIsE0200() {
        final Problem p = single(build(node("g", "builtin:generator") + node("s", "builtin:null")
            + node("s2", "builtin:collect") + edge("g", "s") + edge("s", "s2")), ErrorCode.E0200);
        assertTrue(p.message().startsWith("sink `s` has 1 output"), p.message());
    }

    @Test
    void noSinkIsE0200() {
        final TopologyResult result = build(node("g", "builtin:generator") + node("f", "builtin:forward")
            + edge("g", "f"));
        assertEquals(List.of("processor `f` has no output edge", "flow `f` has no sink"),
            result.problems().stream().map(Problem::message).toList());
        assertEquals("Torvyn.toml: flow.f", result.problems().get(1).where());
    }

    @Test
    void noSourceIsE0200() {
        final TopologyResult result = build(node("a", "proc") + node("s", "builtin:null") + edge("a", "s"),
            (node, in, out) -> node.isBuiltin() ? Role.SINK : Role.PROCESSOR);
        assertTrue(result.problems().stream().anyMatch(p -> p.message().equals("flow `f` has no source")),
            () -> render(result));
    }

    @Test
    void emptyFlowIsE0200() {
        final TorvynConfig cfg = ConfigLoader.fromString(HEADER + "[flow.f]\ndescription = \"nothing\"\n", dir);
        single(TopologyBuilder.build(cfg, cfg.flow("f"), BuiltinRoles.inferringComponents()), ErrorCode.E0200);
    }

    @Test
    void duplicateEdgeIsE0200() {
        final Problem p = single(build(node("g", "builtin:generator") + node("s", "builtin:null")
            + edge("g", "s") + edge("g", "s")), ErrorCode.E0200);
        assertTrue(p.message().contains("duplicate edge g->s"), p.message());
    }

    @Test
    void componentReferencesMustResolveE0210() throws IOException {
        final String shape = node("g", "builtin:generator") + node("s", "builtin:null");
        final Problem undeclared = single(build(shape + node("p", "prok") + edge("g", "p") + edge("p", "s")),
            ErrorCode.E0210);
        assertEquals("did you mean `proc`?", undeclared.help());
        assertEquals("Torvyn.toml: flow.f.nodes.p.component", undeclared.where());

        single(build(shape + node("p", "builtin:forwrd") + edge("g", "p") + edge("p", "s")), ErrorCode.E0210);
        single(build(shape + node("p", "file:missing.wasm") + edge("g", "p") + edge("p", "s")), ErrorCode.E0210);
        ok(build(shape + node("p", "file:local.wat") + edge("g", "p") + edge("p", "s")));

        Files.delete(dir.resolve("proc.wasm"));
        final Problem missingFile = single(build(shape + node("p", "proc") + edge("g", "p") + edge("p", "s")),
            ErrorCode.E0210);
        assertTrue(missingFile.message().contains("proc.wasm"), missingFile.message());
    }

    @Test
    void builtinFileIsASourceOrASinkByPosition() {
        final Topology topology = ok(build(node("in", "builtin:file") + node("out", "builtin:file")
            + edge("in", "out")));
        assertEquals(Role.SOURCE, topology.node("in").role());
        assertEquals(Role.SINK, topology.node("out").role());

        final Problem both = single(build(node("g", "builtin:generator") + node("mid", "builtin:file")
            + node("s", "builtin:null") + edge("g", "mid") + edge("mid", "s")), ErrorCode.E0200);
        assertEquals("Torvyn.toml: flow.f.nodes.mid", both.where());
    }

    @Test
    void plainBuiltinRolesResolvesOnlyBuiltins() {
        final Problem p = single(build(node("g", "builtin:generator") + node("p", "proc") + node("s", "builtin:null")
            + edge("g", "p") + edge("p", "s"), new BuiltinRoles()), ErrorCode.E0900);
        assertTrue(p.message().contains("`proc`"), p.message());
        assertEquals(List.of("g", "s"), names(ok(build(node("g", "builtin:generator") + node("s", "builtin:collect")
            + edge("g", "s"), new BuiltinRoles()))));
    }

    @Test
    void resolverFailuresAreReportedAtTheNode() {
        final RoleResolver failing = BuiltinRoles.withComponents((node, in, out) -> {
            throw new TorvynException(ErrorCode.E0101, "module lacks torvyn_process", null, "export it");
        });
        final Problem p = single(build(node("g", "builtin:generator") + node("p", "proc") + node("s", "builtin:null")
            + edge("g", "p") + edge("p", "s"), failing), ErrorCode.E0101);
        assertEquals("Torvyn.toml: flow.f.nodes.p", p.where());
    }

    @Test
    void portsOnANonRouterAndARouterWithoutPortsAreE0200() {
        final Problem ports = single(build(node("g", "builtin:generator")
            + "[flow.f.nodes.p]\ncomponent = \"builtin:forward\"\nports = [\"a\"]\n" + node("s", "builtin:null")
            + edge("g", "p") + edge("p", "s")), ErrorCode.E0200);
        assertEquals("Torvyn.toml: flow.f.nodes.p.ports", ports.where());
        final Problem router = single(build(node("g", "builtin:generator") + node("r", "router")
            + node("s", "builtin:null") + edge("g", "r") + edge("r", "s"), (node, in, out) -> node.isBuiltin()
            ? BuiltinRoles.inferringComponents().resolve(node, in, out) : Role.ROUTER), ErrorCode.E0200);
        assertTrue(router.message().contains("declares no output ports"), router.message());
    }

    @Test
    void allProblemsAreReportedTogether() {
        final TopologyResult result = build(node("g", "builtin:generator") + node("x", "missing")
            + node("lonely", "builtin:null") + node("s", "builtin:null") + node("p", "proc")
            + edge("g", "x") + edge("x", "s") + edge("g", "nowhere") + edge("p", "p") + edge("g", "s"));
        final List<ErrorCode> codes = result.problems().stream().map(Problem::code).toList();
        assertEquals(List.of(ErrorCode.E0210, ErrorCode.E0201, ErrorCode.E0200, ErrorCode.E0200, ErrorCode.E0200),
            codes, () -> render(result));
        assertThrows(TorvynException.class, result::orThrow);
    }
}
