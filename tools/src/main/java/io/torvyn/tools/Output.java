package io.torvyn.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.torvyn.engine.error.Problem;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Rendering helpers shared by the sub-commands: error blocks, numbers, sizes, JSON. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    /**
     * Standard output as UTF-8 whatever the platform charset, for reports with box-drawing characters, µ and ·
     * (JDK 17 would turn them into '?' under a POSIX locale). Bytes pass through {@link System#out} unchanged.
     */
    static PrintStream utf8Out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    static void problem(final PrintStream err, final Problem p) {
        err.println(p.render());
    }

    static String count(final long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(final double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String bytes(final long b) {
        if (b < 1024) {
            return b + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String seconds(final double s) {
        return String.format(Locale.ROOT, "%.3fs", s);
    }
}
