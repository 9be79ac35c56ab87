package io.torvyn.engine.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size and duration spellings of `Torvyn.toml` ("64KiB", "100us"), shared by the config loader, the CLI flags
 * (`--duration 30s`) and the reports, so one string means one number everywhere.
 * <p>
 * Sizes: {@code B}, {@code K}/{@code KiB}, {@code M}/{@code MiB}, {@code G}/{@code GiB} (binary multiples); a plain
 * number is bytes. Durations: {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m} (minutes); a plain
 * number is nanoseconds. A fraction is accepted when the result is a whole number of bytes or nanoseconds
 * ("1.5KiB", "2.5ms"); underscores may separate digits ("1_000_000").
 */
public final class Units {

    /** What a size looks like, for error messages. */
    public static final String SIZE_FORMAT = "a size such as 4096, \"256B\", \"4KiB\", \"64MiB\" or \"1GiB\"";
    /** What a duration looks like, for error messages. */
    public static final String DURATION_FORMAT = "a duration such as \"500ns\", \"100us\", \"5ms\", \"5s\" or \"1m\"";

    private static final Pattern QUANTITY =
        Pattern.compile("([0-9](?:_?[0-9])*(?:\\.[0-9]+)?)\\s*([A-Za-zµ]*)");

    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024L;
    private static final long GIB = MIB * 1024L;

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;
    private static final long MIN = 60 * SEC;

    private Units() {
    }

    /**
     * Bytes in {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms, when {@code text} is not a size
     */
    public static long parseSize(final String text) {
        return parse(text, true, SIZE_FORMAT);
    }

    /**
     * Nanoseconds in {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms, when {@code text} is not a duration
     */
    public static long parseDuration(final String text) {
        return parse(text, false, DURATION_FORMAT);
    }

    /** "64MiB", "256B", "1.5KiB": the largest binary unit, with at most two decimals. */
    public static String formatSize(final long bytes) {
        if (bytes < 0) {
            return "-" + formatSize(-bytes);
        }
        if (bytes >= GIB) {
            return scaled(bytes, GIB, "GiB");
        }
        if (bytes >= MIB) {
            return scaled(bytes, MIB, "MiB");
        }
        if (bytes >= KIB) {
            return scaled(bytes, KIB, "KiB");
        }
        return bytes + "B";
    }

    /** "5s", "100us", "1.23ms": the largest unit, with at most two decimals; minutes only when exact. */
    public static String formatDuration(final long nanos) {
        if (nanos < 0) {
            return "-" + formatDuration(-nanos);
        }
        if (nanos >= MIN && nanos % MIN == 0) {
            return nanos / MIN + "m";
        }
        if (nanos >= SEC) {
            return scaled(nanos, SEC, "s");
        }
        if (nanos >= MS) {
            return scaled(nanos, MS, "ms");
        }
        if (nanos >= US) {
            return scaled(nanos, US, "us");
        }
        return nanos + "ns";
    }

    private static String scaled(final long value, final long unit, final String suffix) {
        if (value % unit == 0) {
            return value / unit + suffix;
        }
        final BigDecimal scaled = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit), 2, RoundingMode.HALF_UP);
        return scaled.stripTrailingZeros().toPlainString() + suffix;
    }

    private static long parse(final String text, final boolean size, final String format) {
        if (text == null) {
            throw new IllegalArgumentException("expected " + format + ", found nothing");
        }
        final Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + format + ", found \"" + text + "\"");
        }
        final String unit = m.group(2);
        final long multiplier = size ? sizeMultiplier(unit) : durationMultiplier(unit);
        if (multiplier == 0) {
            throw new IllegalArgumentException("unknown " + (size ? "size" : "duration") + " unit \"" + unit
                + "\" in \"" + text + "\": expected " + format);
        }
        final BigDecimal amount = new BigDecimal(m.group(1).replace("_", "")).multiply(BigDecimal.valueOf(multiplier));
        try {
            return amount.longValueExact();
        } catch (final ArithmeticException e) {
            final boolean fractional = amount.stripTrailingZeros().scale() > 0;
            throw new IllegalArgumentException("\"" + text + "\" is " + (fractional
                ? "not a whole number of " + (size ? "bytes" : "nanoseconds")
                : "too large"), e);
        }
    }

    private static long sizeMultiplier(final String unit) {
        switch (unit) {
            case "":
            case "B":
                return 1;
            case "K":
            case "KiB":
                return KIB;
            case "M":
            case "MiB":
                return MIB;
            case "G":
            case "GiB":
                return GIB;
            default:
                return 0;
        }
    }

    private static long durationMultiplier(final String unit) {
        switch (unit) {
            case "":
            case "ns":
                return 1;
            case "us":
            case "µs":
                return US;
            case "ms":
                return MS;
            case "s":
                return SEC;
            case "m":
                return MIN;
            default:
                return 0;
        }
    }
}
