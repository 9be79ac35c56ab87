package io.torvyn.engine.buffer;

/**
 * The journal's operation codes (spec observability.md), as ints so a record stays a fixed binary layout. Buffer
 * operations are recorded by {@link BufferPool}; ring, invocation and flow operations by their own layers, through
 * the same {@link BufferRecorder}. Code 0 is never valid, so a zeroed record is recognisably corrupt.
 */
public final class BufferOps {
    public static final int ALLOC = 1;
    public static final int FALLBACK_ALLOC = 2;
    public static final int WRITE = 3;
    public static final int READ = 4;
    public static final int CLONE = 5;
    public static final int PUBLISH = 6;
    public static final int CONSUME = 7;
    public static final int FORWARD = 8;
    public static final int ROUTE = 9;
    public static final int DROP = 10;
    public static final int RELEASE = 11;
    public static final int LEAK_RECLAIM = 12;
    public static final int INVOKE_BEGIN = 13;
    public static final int INVOKE_END = 14;
    public static final int BACKPRESSURE_ON = 15;
    public static final int BACKPRESSURE_OFF = 16;
    public static final int ERROR = 17;
    public static final int SOURCE_PAYLOAD = 18;
    public static final int FLOW_START = 19;
    public static final int FLOW_END = 20;

    private static final String[] NAMES = {
        null, "alloc", "fallback-alloc", "write", "read", "clone", "publish", "consume", "forward", "route", "drop",
        "release", "leak-reclaim", "invoke-begin", "invoke-end", "backpressure-on", "backpressure-off", "error",
        "source-payload", "flow-start", "flow-end"
    };

    private BufferOps() {
    }

    /** Whether {@code op} is a known operation code. */
    public static boolean isValid(final int op) {
        return op > 0 && op < NAMES.length;
    }

    /** The spec's name of {@code op}, or null for an unknown code. */
    public static String name(final int op) {
        return isValid(op) ? NAMES[op] : null;
    }

    /** The code named {@code name}, or -1. */
    public static int of(final String name) {
        for (int op = 1; op < NAMES.length; op++) {
            if (NAMES[op].equals(name)) {
                return op;
            }
        }
        return -1;
    }

    /** The number of operation codes (the largest code). */
    public static int count() {
        return NAMES.length - 1;
    }
}
