package io.torvyn.perf.harness;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SuiteOptionsTest {

    @Test
    void quickPresetIsSmallerThanTheFullOne() {
        final SuiteOptions full = SuiteOptions.parse();
        final SuiteOptions quick = SuiteOptions.parse("--quick");
        assertEquals(20_000_000L, full.events());
        assertEquals(5, full.rounds());
        assertEquals(3, full.forks());
        assertEquals(2_000_000L, quick.events());
        assertEquals(3, quick.rounds());
        assertEquals(2, quick.warmupRounds());
        assertEquals(1, quick.forks());
    }

    @Test
    void forksRunTheSameSelectionInOneJvmEachAndEmitSamples() {
        final SuiteOptions options = SuiteOptions.parse("--quick", "--forks", "2", "--only", "a,b", "--results",
            "out/RESULTS.md");
        assertEquals(2, options.forks());
        assertEquals(java.nio.file.Path.of("out/RESULTS.md"), options.results());
        assertEquals(List.of("--events", "2000000", "--warmup", "2", "--rounds", "3", "--forks", "1", "--buffer",
            "1024", "--emit-samples", "--same-jvm", "--only", "a,b"), options.forkArguments());
        final SuiteOptions child = SuiteOptions.parse(options.forkArguments().toArray(String[]::new));
        assertEquals(true, child.emitSamples());
        assertEquals(1, child.forks());
        assertEquals(true, child.sameJvm(), "a fork runs what it was given in its own JVM");
        assertEquals(List.of("a", "b"), child.only());
        assertEquals(false, options.sameJvm());
        assertEquals(List.of("c"), SuiteOptions.parse(options.forkArguments(List.of("c")).toArray(String[]::new))
            .only(), "a group's fork runs only that group");
    }

    @Test
    void explicitValuesOverrideThePresetWhereverTheyAppear() {
        final SuiteOptions options = SuiteOptions.parse("--events", "5_000", "--quick", "--rounds", "9",
            "--warmup", "0", "--buffer", "256", "--only", "a, b", "--reference", "b");
        assertEquals(5_000L, options.events());
        assertEquals(9, options.rounds());
        assertEquals(0, options.warmupRounds());
        assertEquals(256, options.bufferSize());
        assertEquals(List.of("a", "b"), options.only());
        assertEquals(List.of("b"), options.references());
    }

    @Test
    void rejectsBadValuesAndUnknownOptions() {
        assertEquals(ErrorCode.E0702, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--events", "lots")).code());
        assertEquals(ErrorCode.E0702, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--rounds", "0")).code());
        assertEquals(ErrorCode.E0702, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--buffer", "1000")).code());
        assertEquals(ErrorCode.E0702, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--events")).code());
        assertEquals(ErrorCode.E0703, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--fast")).code());
        assertEquals(ErrorCode.E0702, assertThrows(TorvynException.class,
            () -> SuiteOptions.parse("--forks", "0")).code());
    }
}
