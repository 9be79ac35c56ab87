package io.torvyn.engine.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {

    @Test
    void parsesEverySizeUnit() {
        assertEquals(4096, Units.parseSize("4096"));
        assertEquals(256, Units.parseSize("256B"));
        assertEquals(4096, Units.parseSize("4KiB"));
        assertEquals(4096, Units.parseSize("4K"));
        assertEquals(64L << 20, Units.parseSize("64MiB"));
        assertEquals(64L << 20, Units.parseSize("64M"));
        assertEquals(2L << 30, Units.parseSize("2GiB"));
        assertEquals(2L << 30, Units.parseSize("2G"));
        assertEquals(1536, Units.parseSize("1.5KiB"));
        assertEquals(1_000_000, Units.parseSize("1_000_000"));
        assertEquals(8192, Units.parseSize(" 8 KiB "));
    }

    @Test
    void parsesEveryDurationUnit() {
        assertEquals(500, Units.parseDuration("500"));
        assertEquals(500, Units.parseDuration("500ns"));
        assertEquals(100_000, Units.parseDuration("100us"));
        assertEquals(100_000, Units.parseDuration("100µs"));
        assertEquals(5_000_000, Units.parseDuration("5ms"));
        assertEquals(5_000_000_000L, Units.parseDuration("5s"));
        assertEquals(120_000_000_000L, Units.parseDuration("2m"));
        assertEquals(2_500_000, Units.parseDuration("2.5ms"));
    }

    @Test
    void rejectsUnknownUnitsAndMalformedText() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Units.parseSize("64MB"));
        assertTrue(e.getMessage().contains("unknown size unit \"MB\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("KiB"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("-4KiB"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("0.5B"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("99999999999GiB"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize(null));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5sec"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("1h"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5 s s"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("0.1ns"));
    }

    @Test
    void formatsWithTheLargestFittingUnit() {
        assertEquals("256B", Units.formatSize(256));
        assertEquals("4KiB", Units.formatSize(4096));
        assertEquals("1.5KiB", Units.formatSize(1536));
        assertEquals("64MiB", Units.formatSize(64L << 20));
        assertEquals("1GiB", Units.formatSize(1L << 30));
        assertEquals("0B", Units.formatSize(0));
        assertEquals("500ns", Units.formatDuration(500));
        assertEquals("100us", Units.formatDuration(100_000));
        assertEquals("1.23ms", Units.formatDuration(1_234_567));
        assertEquals("5s", Units.formatDuration(5_000_000_000L));
        assertEquals("90s", Units.formatDuration(90_000_000_000L));
        assertEquals("2m", Units.formatDuration(120_000_000_000L));
    }

    @Test
    void exactFormatsParseBackToTheSameValue() {
        for (final long bytes : new long[] {1, 256, 4096, 65536, 1 << 20, 16L << 20, 3L << 30}) {
            assertEquals(bytes, Units.parseSize(Units.formatSize(bytes)));
        }
        for (final long nanos : new long[] {1, 100_000, 5_000_000, 5_000_000_000L, 60_000_000_000L}) {
            assertEquals(nanos, Units.parseDuration(Units.formatDuration(nanos)));
        }
    }
}
