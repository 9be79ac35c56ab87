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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class PerfSuiteTest {

    @Test
    void tinyRunReportsEveryBaselineAgainstBothReferences() {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final String report = PerfSuite.run(SuiteOptions.parse("--events", "20000", "--warmup", "1", "--rounds", "2"),
            new PrintStream(progress, true, StandardCharsets.UTF_8));
        final long scenarios = StandardScenarios.create(1024).names().size();
        assertEquals(3 * scenarios, progress.toString(StandardCharsets.UTF_8).lines().count(), "one line per round");
        assertTrue(report.contains("\n| engine-shared | "), report);
        assertTrue(report.contains("| scenario | median elem/s | spread | × " + DisruptorPipelineBaseline.NAME
            + " | × " + BlockingQueuePipelineBaseline.NAME + " | heap B/elem |"), report);
        assertTrue(report.contains("\n| " + DisruptorPipelineBaseline.NAME + " | "), report);
        assertTrue(report.contains("\n| " + BlockingQueuePipelineBaseline.NAME + " | "), report);
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
