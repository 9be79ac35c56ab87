package io.torvyn.tools.bench;

/** `--threshold`: a percentage written "5%", "5 %", "5" or "2.5%". */
public final class Thresholds {
    private Thresholds() {
    }

    /** The threshold in percent; IllegalArgumentException when it is not a non-negative number. */
    public static double parsePercent(final String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        final double v;
        try {
            v = Double.parseDouble(t);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("expected a percentage such as 5%, found `" + text + "`");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("expected a percentage >= 0, found `" + text + "`");
        }
        return v;
    }
}
