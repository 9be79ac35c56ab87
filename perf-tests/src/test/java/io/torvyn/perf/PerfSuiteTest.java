package io.torvyn.perf;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.perf.baseline.BlockingQueuePipelineBaseline;
import io.torvyn.perf.baseline.DisruptorPipelineBaseline;
import io.torvyn.perf.harness.SuiteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class PerfSuiteTest {

    @Test
    void tinyRunPrintsOneTableWithEachRowAgainstItsReferences() {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final String report = PerfSuite.run(SuiteOptions.parse("--events", "20000", "--warmup", "1", "--rounds", "2",
                "--forks", "1", "--only", DisruptorPipelineBaseline.NAME + "," + BlockingQueuePipelineBaseline.NAME
                    + ",engine-shared"),
            new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertEquals(9, progress.toString(StandardCharsets.UTF_8).lines().count(), "one line per round");
        assertEquals(1, report.lines().filter(l -> l.startsWith("| group | scenario |")).count(), "one table");
        assertTrue(report.contains("\n| orchestration | " + DisruptorPipelineBaseline.NAME + " | 20,000 | "), report);
        assertTrue(report.contains("\n| orchestration | " + BlockingQueuePipelineBaseline.NAME + " | 20,000 | "),
            report);
        final String engine = report.lines().filter(l -> l.startsWith("| orchestration | engine-shared |"))
            .findFirst().orElseThrow();
        assertTrue(engine.contains(" × " + DisruptorPipelineBaseline.NAME + " · "), engine);
        assertTrue(engine.contains(" × " + BlockingQueuePipelineBaseline.NAME + " | "), engine);
        assertTrue(engine.contains(" | 1.00 | – | – | – | "), "one copy per element, no latency: " + engine);
        assertTrue(report.contains("Machine: "), report);
        assertTrue(report.contains("- `engine-shared`: generator → 3 × builtin:forward → null"), report);
    }

    @Test
    void rowsComparedWithEachOtherShareTheirJvmsAndOtherSetsGetTheirOwn() {
        final ScenarioRegistry registry = StandardScenarios.create(1024);
        try {
            final List<Scenario> selected = Stream.of(DisruptorPipelineBaseline.NAME,
                    "engine-shared", "wasm-filter-batch256-chicory", "builtin-forward-flow", "journal-off")
                .map(n -> registry.find(n).orElseThrow()).toList();
            assertEquals(List.of(List.of(DisruptorPipelineBaseline.NAME, "engine-shared"),
                    List.of("wasm-filter-batch256-chicory", "builtin-forward-flow"),
                    List.of("journal-off")), PerfSuite.groups(selected, false),
                "a group, joined by the rows its rows name as references");
            assertEquals(1, PerfSuite.groups(selected, true).size(), "--same-jvm runs everything together");
        } finally {
            registry.all().forEach(Scenario::close);
        }
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        final TorvynException e = assertThrows(TorvynException.class,
            () -> PerfSuite.run(SuiteOptions.parse("--only", "engine-warp")));
        assertEquals(ErrorCode.E0702, e.code());
        assertTrue(e.problem().help().contains(DisruptorPipelineBaseline.NAME), e.problem().help());
    }

    @Test
    void registryRefusesTwoRowsOfTheSameName() {
        final ScenarioRegistry registry = StandardScenarios.create(64);
        assertEquals(ErrorCode.E0704, assertThrows(TorvynException.class,
            () -> registry.register(new DisruptorPipelineBaseline(64))).code());
    }
}
