package io.torvyn.tools.bench;

import java.util.Locale;

/** How bench prints figures: durations with an adaptive unit and 3 significant digits, counts, sizes, rates. */
public final class Numbers {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Numbers() {
    }

    /** "850 ns", "12.3 µs", "1.05 ms", "2.00 s"; "—" for null. */
    public static String nanos(final Number ns) {
        if (ns == null) {
            return "—";
        }
        final double v = ns.doubleValue();
        if (v < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", v);
        }
        if (v < 1_000_000) {
            return threeDigits(v / 1e3) + " µs";
        }
        if (v < 1_000_000_000) {
            return threeDigits(v / 1e6) + " ms";
        }
        return threeDigits(v / 1e9) + " s";
    }

    private static String threeDigits(final double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String count(final long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1,234,567/s"; "—" for null. */
    public static String rate(final Double perSecond) {
        return perSecond == null ? "—" : String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** "75.3 MiB"; "—" for null. */
    public static String bytes(final Number b) {
        if (b == null) {
            return "—";
        }
        double v = b.doubleValue();
        int u = 0;
        while (Math.abs(v) >= 1024 && u < BYTE_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v,
            BYTE_UNITS[u]);
    }

    /** "75.3 MiB/s"; "—" for null. */
    public static String byteRate(final Double perSecond) {
        return perSecond == null ? "—" : bytes(perSecond) + "/s";
    }

    /** "97.5 %"; "—" for null. */
    public static String percent(final Double fraction) {
        return fraction == null ? "—" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** A ratio with two decimals; "—" for null. */
    public static String ratio(final Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A headline figure in its unit. */
    public static String headline(final Headline h, final Double v) {
        if (v == null) {
            return "—";
        }
        switch (h.unit()) {
            case RATE:
                return rate(v);
            case BYTE_RATE:
                return byteRate(v);
            case NANOS:
                return nanos(v);
            case BYTES:
                return bytes(v);
            default:
                return ratio(v);
        }
    }

    /** "+12.3 %", "−4.0 %"; "—" for null. */
    public static String change(final Double percent) {
        if (percent == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%s%.1f %%", percent >= 0 ? "+" : "−", Math.abs(percent));
    }
}
