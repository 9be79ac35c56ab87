package io.torvyn.perf.harness;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The perf suite's command line. {@code --quick} picks sizes that finish in a few minutes on a 2-core machine;
 * explicit {@code --events}, {@code --rounds}, {@code --warmup} and {@code --forks} override either preset.
 *
 * @param events       elements per round asked of every row (slow rows scale it down, see the table's elem/round)
 * @param warmupRounds unmeasured rounds per scenario before the measured ones
 * @param rounds       measured rounds per scenario and fork; the table reports their median over all forks
 * @param forks        fresh JVMs the rounds are repeated in (1 = this JVM only)
 * @param bufferSize   ring slots / queue capacity of the baselines
 * @param only         scenario names to run, empty for all
 * @param references   rows every row is compared with instead of its own references, empty for each row's own
 * @param results      markdown file to write the report to as well (e.g. perf-tests/RESULTS.md), or null
 * @param emitSamples  a fork's mode: print raw samples for the parent instead of a table
 * @param help         print usage and exit
 * @param sameJvm      run every group in this one JVM instead of a fresh JVM per group (and fork)
 */
public record SuiteOptions(long events, int warmupRounds, int rounds, int forks, int bufferSize, List<String> only,
                           List<String> references, Path results, boolean emitSamples, boolean help,
                           boolean sameJvm) {

    public static final String USAGE = String.join("\n",
        "usage: perf-suite [--quick] [--events N] [--rounds K] [--warmup W] [--forks F] [--buffer B]",
        "                  [--only NAME[,NAME...]] [--reference NAME[,NAME...]] [--results FILE]",
        "  --quick       2,000,000 events, 2 warm-up + 3 measured rounds, 1 fork (default 20,000,000, 3 + 5, 3 forks)",
        "  --events N    elements per round (underscores allowed: 5_000_000); slow rows run a fixed fraction",
        "  --rounds K    measured rounds per scenario and fork; the table shows the median of all",
        "  --warmup W    unmeasured rounds per scenario first, in every fork",
        "  --forks F     repeat everything in F fresh JVMs and take medians over all their rounds",
        "  --same-jvm    run all groups in this JVM (by default each group gets fresh JVMs of its own, so the JIT",
        "                profile of one group's flows does not shape the code another group runs)",
        "  --buffer B    ring size / queue capacity of the baselines, a power of two (default 1024)",
        "  --only        run only these scenarios (the others print as not selected)",
        "  --reference   compare every row with these rows instead of each row's own references",
        "  --results F   also write the report, with the command and machine facts, to markdown file F");

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
        int rounds = quick ? 3 : 5;
        int forks = quick ? 1 : 3;
        int buffer = 1024;
        List<String> only = List.of();
        List<String> references = List.of();
        Path results = null;
        boolean emit = false;
        boolean help = false;
        boolean sameJvm = false;
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--help", "-h" -> help = true;
                case "--emit-samples" -> emit = true;
                case "--same-jvm" -> sameJvm = true;
                case "--events" -> events = positive(arg, value(args, ++i, arg));
                case "--rounds" -> rounds = (int) positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = (int) nonNegative(arg, value(args, ++i, arg));
                case "--forks" -> forks = (int) positive(arg, value(args, ++i, arg));
                case "--buffer" -> buffer = powerOfTwo(arg, value(args, ++i, arg));
                case "--only" -> only = names(value(args, ++i, arg));
                case "--reference" -> references = names(value(args, ++i, arg));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                default -> throw new TorvynException(ErrorCode.E0703, "unknown option '" + arg + "'",
                    "perf-suite command line", USAGE);
            }
        }
        return new SuiteOptions(events, warmup, rounds, forks, buffer, only, references, results, emit, help,
            sameJvm);
    }

    /** The arguments a fork of this suite runs with: the same sizes and selection, one fork, raw samples out. */
    public List<String> forkArguments() {
        return forkArguments(only);
    }

    /** As {@link #forkArguments()}, for a fork that runs only the scenarios {@code names} (empty for all). */
    public List<String> forkArguments(final List<String> names) {
        final List<String> args = new ArrayList<>(List.of("--events", Long.toString(events), "--warmup",
            Integer.toString(warmupRounds), "--rounds", Integer.toString(rounds), "--forks", "1", "--buffer",
            Integer.toString(bufferSize), "--emit-samples", "--same-jvm"));
        if (!names.isEmpty()) {
            args.add("--only");
            args.add(String.join(",", names));
        }
        return args;
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
