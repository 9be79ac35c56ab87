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
        assertEquals(7, full.rounds());
        assertEquals(2_000_000L, quick.events());
        assertEquals(3, quick.rounds());
        assertEquals(2, quick.warmupRounds());
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
    }
}
