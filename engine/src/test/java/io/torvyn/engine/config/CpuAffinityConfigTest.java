package io.torvyn.engine.config;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.torvyn.engine.config.ConfigTestSupport.HEADER;
import static io.torvyn.engine.config.ConfigTestSupport.parse;
import static io.torvyn.engine.config.ConfigTestSupport.render;
import static io.torvyn.engine.config.ConfigTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuAffinityConfigTest {

    private static final String FLOW = String.join("\n",
        "[flow.main.nodes.src]", "component = \"builtin:generator\"",
        "[flow.main.nodes.fwd]", "component = \"builtin:forward\"",
        "[flow.main.nodes.sink]", "component = \"builtin:null\"",
        "[[flow.main.edges]]", "from = \"src\"", "to = \"fwd\"",
        "[[flow.main.edges]]", "from = \"fwd\"", "to = \"sink\"", "");

    private static ConfigResult runtime(final String line) {
        return parse(HEADER + "[runtime]\n" + line + "\n" + FLOW);
    }

    private static CpuAffinity affinityOf(final ConfigResult result) {
        assertTrue(result.ok(), () -> render(result.problems()));
        return result.config().runtime().cpuAffinity();
    }

    @Test
    void absentMeansNoPlacement() {
        final CpuAffinity a = affinityOf(parse(HEADER + FLOW));
        assertEquals(CpuAffinity.NONE, a);
        assertFalse(a.isSet());
    }

    @Test
    void listOfCpuIdsKeepsItsOrder() {
        final CpuAffinity a = affinityOf(runtime("cpu_affinity = [3, 2, 5]"));
        assertEquals(List.of(3, 2, 5), a.cpus());
        assertFalse(a.isByNode());
        assertEquals("[3, 2, 5]", a.toToml());
    }

    @Test
    void tableMapsNodesToCpus() {
        final CpuAffinity a = affinityOf(runtime("cpu_affinity = { src = 2, fwd = 3, sink = 3 }"));
        final Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("src", 2);
        expected.put("fwd", 3);
        expected.put("sink", 3);
        assertEquals(expected, a.byNode());
        assertTrue(a.isByNode());
        assertEquals("{ src = 2, fwd = 3, sink = 3 }", a.toToml());
    }

    @Test
    void cpuListStringFromTheEnvironmentOrCommandLine() {
        assertEquals(List.of(2, 3, 4, 5, 8), affinityOf(parse(HEADER + FLOW,
            Map.of("TORVYN_RUNTIME_CPU_AFFINITY", "2-5,8"), List.of())).cpus());
        assertEquals(List.of(2, 3), affinityOf(parse(HEADER + FLOW, Map.of(),
            List.of("runtime.cpu_affinity=2,3"))).cpus());
        assertEquals(List.of(6, 7), affinityOf(parse(HEADER + FLOW, Map.of(),
            List.of("runtime.cpu_affinity=[6, 7]"))).cpus());
        assertEquals(List.of(1), affinityOf(parse(HEADER + FLOW, Map.of(),
            List.of("runtime.cpu_affinity=1"))).cpus());
    }

    @Test
    void negativeIdIsRejectedWithItsIndex() {
        final Problem p = single(runtime("cpu_affinity = [2, -1]"), ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.cpu_affinity[1]", p.where());
        assertTrue(p.message().contains("found integer -1"), p.message());
    }

    @Test
    void duplicateIdIsRejected() {
        final Problem p = single(runtime("cpu_affinity = [2, 3, 2]"), ErrorCode.E0702);
        assertTrue(p.message().contains("CPU 2 twice"), p.message());
        assertTrue(p.help().contains("table form"), p.help());
    }

    @Test
    void nonNumericIdsAreRejected() {
        single(runtime("cpu_affinity = [\"two\"]"), ErrorCode.E0702);
        final Problem p = single(runtime("cpu_affinity = \"2-x\""), ErrorCode.E0702);
        assertTrue(p.message().contains("2-x"), p.message());
        single(runtime("cpu_affinity = true"), ErrorCode.E0702);
    }

    @Test
    void tableNamingAnUnknownNodeSuggestsTheNearest() {
        final Problem p = single(runtime("cpu_affinity = { src = 2, snk = 3 }"), ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.cpu_affinity.snk", p.where());
        assertTrue(p.message().contains("not a node of any flow"), p.message());
        assertEquals("did you mean `sink`?", p.help());
    }

    @Test
    void tableWithABadCpuIsRejected() {
        final Problem p = single(runtime("cpu_affinity = { src = \"x\" }"), ErrorCode.E0702);
        assertEquals("Torvyn.toml: runtime.cpu_affinity.src", p.where());
    }

    @Test
    void cpuIdsBeyondTheMachineAreLeftToTheRuntimeCheck() {
        assertEquals(List.of(4000), affinityOf(runtime("cpu_affinity = [4000]")).cpus());
    }

    @Test
    void misspelledKeySuggestsCpuAffinity() {
        final Problem p = single(runtime("cpu_afinity = [1]"), ErrorCode.E0703);
        assertEquals("did you mean `cpu_affinity`?", p.help());
    }
}
