package io.torvyn.perf.harness;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.util.Arrays;
import java.util.List;

/**
 * The perf suite's command line. {@code --quick} picks sizes that finish well under a minute on a 2-core machine;
 * explicit {@code --events}, {@code --rounds} and {@code --warmup} override either preset.
 *
 * @param events       elements the source produces per round
 * @param warmupRounds unmeasured rounds per scenario before the measured ones
 * @param rounds       measured rounds per scenario; the table reports their median
 * @param bufferSize   ring slots / queue capacity of the baselines
 * @param only         scenario names to run, empty for all
 * @param references   scenario names to print ratio columns against, empty for the default
 * @param help         print usage and exit
 */
public record SuiteOptions(long events, int warmupRounds, int rounds, int bufferSize, List<String> only,
                           List<String> references, boolean help) {

    public static final String USAGE = String.join("\n",
        "usage: perf-suite [--quick] [--events N] [--rounds K] [--warmup W] [--buffer B]",
        "                  [--only NAME[,NAME...]] [--reference NAME[,NAME...]]",
        "  --quick       2,000,000 events, 2 warm-up + 3 measured rounds (default 20,000,000, 3 + 7)",
        "  --events N    elements per round (underscores allowed: 5_000_000)",
        "  --rounds K    measured rounds per scenario; the table shows their median",
        "  --warmup W    unmeasured rounds per scenario first",
        "  --buffer B    ring size / queue capacity of the baselines, a power of two (default 1024)",
        "  --only        run only these scenarios",
        "  --reference   one ratio column per named row (default: the two baselines)");

    private static final long FULL_EVENTS = 20_000_000L;
    private static final long QUICK_EVENTS = 2_000_000L;

    /**
     * Parses the arguments.
     *
     * @throws TorvynException {@code E0703} for an unknown option, {@code E0702} for a bad value
     */
    public static SuiteOptions parse(final String... args) {
        final boolean quick = Arrays.asList(args).contains("--quick");
        long events = quick ? QUICK_EVENTS : FULL_EVENTS;
        int warmup = quick ? 2 : 3;
        int rounds = quick ? 3 : 7;
        int buffer = 1024;
        List<String> only = List.of();
        List<String> references = List.of();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--help", "-h" -> help = true;
                case "--events" -> events = positive(arg, value(args, ++i, arg));
                case "--rounds" -> rounds = (int) positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = (int) nonNegative(arg, value(args, ++i, arg));
                case "--buffer" -> buffer = powerOfTwo(arg, value(args, ++i, arg));
                case "--only" -> only = names(value(args, ++i, arg));
                case "--reference" -> references = names(value(args, ++i, arg));
                default -> throw new TorvynException(ErrorCode.E0703, "unknown option '" + arg + "'",
                    "perf-suite command line", USAGE);
            }
        }
        return new SuiteOptions(events, warmup, rounds, buffer, only, references, help);
    }

    private static String value(final String[] args, final int index, final String option) {
        if (index >= args.length) {
            throw invalid(option, "needs a value");
        }
        return args[index];
    }

    private static long positive(final String option, final String text) {
        final long value = number(option, text);
        if (value <= 0) {
            throw invalid(option, "must be positive, found " + text);
        }
        return value;
    }

    private static long nonNegative(final String option, final String text) {
        final long value = number(option, text);
        if (value < 0) {
            throw invalid(option, "must not be negative, found " + text);
        }
        return value;
    }

    private static int powerOfTwo(final String option, final String text) {
        final long value = positive(option, text);
        if (Long.bitCount(value) != 1 || value > (1 << 30)) {
            throw invalid(option, "must be a power of two, found " + text);
        }
        return (int) value;
    }

    private static long number(final String option, final String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (final NumberFormatException e) {
            throw invalid(option, "expects a whole number, found '" + text + "'");
        }
    }

    private static List<String> names(final String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    private static TorvynException invalid(final String option, final String message) {
        return new TorvynException(ErrorCode.E0702, option + " " + message, "perf-suite command line", USAGE);
    }
}
