package io.torvyn.engine.buffer;

/**
 * Why payload bytes were copied. Every counted copy carries one, so the copy ledger can say not only how many bytes
 * moved but which promise (spec: "hand-off without copying") each copy is charged against.
 */
public enum CopyReason {
    /** A component (or a sink) read payload bytes out of a host buffer. */
    PAYLOAD_READ("payload-read"),
    /** A component (or a source) wrote payload bytes into a host buffer. */
    PAYLOAD_WRITE("payload-write"),
    /** The host duplicated a buffer, e.g. so one branch may modify what another still reads. */
    HOST_CLONE("host-clone");

    private static final CopyReason[] VALUES = values();

    private final String key;

    CopyReason(final String key) {
        this.key = key;
    }

    /** The spelling used in reports and the journal. */
    public String key() {
        return key;
    }

    /** The reason spelled {@code key}, or null. */
    public static CopyReason fromKey(final String key) {
        for (final CopyReason r : VALUES) {
            if (r.key.equals(key)) {
                return r;
            }
        }
        return null;
    }

    static CopyReason of(final int ordinal) {
        return VALUES[ordinal];
    }

    static int count() {
        return VALUES.length;
    }
}
