package io.torvyn.tools.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdicts per direction, the threshold boundary, missing and zero figures, and what counts as a regression. */
class ComparisonTest {

    private static Comparison.Row row(final Comparison c, final Headline h) {
        return c.rows().stream().filter(r -> r.figure() == h).findFirst().orElseThrow();
    }

    @Test
    void identicalResultsAreWithinNoiseEverywhere() {
        final BenchResult r = new BenchFixtures.ResultBuilder().build();
        final Comparison c = Comparison.of(r, r, 5);
        assertEquals(Headline.values().length, c.rows().size());
        c.rows().forEach(row -> assertEquals(Verdict.WITHIN_NOISE, row.verdict(), row.figure().label()));
        assertFalse(c.hasRegression());
    }

    @Test
    void throughputUpIsBetterAndDownIsWorse() {
        final BenchResult base = new BenchFixtures.ResultBuilder().build();
        final BenchFixtures.ResultBuilder up = new BenchFixtures.ResultBuilder();
        up.elementsPerS = 1_200_000.0;
        up.bytesPerS = 50_000_000.0;
        final Comparison c = Comparison.of(base, up.build(), 5);
        assertEquals(Verdict.BETTER, row(c, Headline.ELEMENTS_PER_S).verdict());
        assertEquals(20.0, row(c, Headline.ELEMENTS_PER_S).changePercent(), 1e-9);
        assertEquals(Verdict.WORSE, row(c, Headline.BYTES_PER_S).verdict());
        assertTrue(c.hasRegression());
        assertEquals(1, c.regressions().size());
    }

    @Test
    void latencyCopiesAndMemoryDownIsBetterAndUpIsWorse() {
        final BenchResult base = new BenchFixtures.ResultBuilder().build();
        final BenchFixtures.ResultBuilder now = new BenchFixtures.ResultBuilder();
        now.p50 = 5_000L;
        now.p99 = 60_000L;
        now.copyAmplification = 0.5;
        now.peakMemory = 120_000_000L;
        final Comparison c = Comparison.of(base, now.build(), 5);
        assertEquals(Verdict.BETTER, row(c, Headline.P50).verdict());
        assertEquals(Verdict.WORSE, row(c, Headline.P99).verdict());
        assertEquals(Verdict.BETTER, row(c, Headline.COPY_AMPLIFICATION).verdict());
        assertEquals(Verdict.WORSE, row(c, Headline.PEAK_MEMORY).verdict());
        assertEquals(2, c.regressions().size());
    }

    @Test
    void theThresholdIsInclusiveAndConfigurable() {
        final BenchResult base = new BenchFixtures.ResultBuilder().build();
        final BenchFixtures.ResultBuilder now = new BenchFixtures.ResultBuilder();
        now.max = 1_050_000L;
        assertEquals(Verdict.WITHIN_NOISE, row(Comparison.of(base, now.build(), 5), Headline.MAX).verdict());
        now.max = 1_051_000L;
        assertEquals(Verdict.WORSE, row(Comparison.of(base, now.build(), 5), Headline.MAX).verdict());
        assertEquals(Verdict.WITHIN_NOISE, row(Comparison.of(base, now.build(), 10), Headline.MAX).verdict());
        assertEquals(Verdict.WORSE, row(Comparison.of(base, now.build(), 0), Headline.MAX).verdict());
    }

    @Test
    void missingFiguresAreNotComparableAndNeverARegression() {
        final BenchResult base = new BenchFixtures.ResultBuilder().build();
        final BenchFixtures.ResultBuilder now = new BenchFixtures.ResultBuilder();
        now.p999 = null;
        final Comparison c = Comparison.of(base, now.build(), 5);
        assertEquals(Verdict.NOT_COMPARABLE, row(c, Headline.P999).verdict());
        assertNull(row(c, Headline.P999).changePercent());
        assertFalse(c.hasRegression());
    }

    @Test
    void aZeroBaselineIsJudgedByDirectionAlone() {
        final BenchFixtures.ResultBuilder zero = new BenchFixtures.ResultBuilder();
        zero.copyAmplification = 0.0;
        final BenchFixtures.ResultBuilder some = new BenchFixtures.ResultBuilder();
        some.copyAmplification = 0.1;
        final Comparison.Row r = row(Comparison.of(zero.build(), some.build(), 5), Headline.COPY_AMPLIFICATION);
        assertEquals(Verdict.WORSE, r.verdict());
        assertNull(r.changePercent());
        assertEquals(Verdict.WITHIN_NOISE,
            row(Comparison.of(zero.build(), zero.build(), 5), Headline.COPY_AMPLIFICATION).verdict());
    }

    @Test
    void thresholdsParseWithAndWithoutPercentSign() {
        assertEquals(5.0, Thresholds.parsePercent("5%"));
        assertEquals(2.5, Thresholds.parsePercent("2.5 %"));
        assertEquals(10.0, Thresholds.parsePercent("10"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parsePercent("five"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parsePercent("-1%"));
    }
}
