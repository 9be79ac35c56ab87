package io.torvyn.engine.builtin;

/**
 * How `builtin:file` cuts a byte stream into elements and writes them back: `lines` (without the `\n`),
 * `length-prefixed` (4-byte big-endian length, then the bytes) or `fixed:N` (N-byte records, a shorter tail).
 *
 * @param kind       the framing family
 * @param recordSize N for {@code fixed:N}, otherwise 0
 */
record Framing(Kind kind, int recordSize) {

    enum Kind { LINES, LENGTH_PREFIXED, FIXED }

    static Framing parse(final String text, final String where) {
        if (text == null || text.equals("lines")) {
            return new Framing(Kind.LINES, 0);
        }
        if (text.equals("length-prefixed")) {
            return new Framing(Kind.LENGTH_PREFIXED, 0);
        }
        if (text.startsWith("fixed:")) {
            try {
                final int n = Integer.parseInt(text.substring("fixed:".length()));
                if (n > 0) {
                    return new Framing(Kind.FIXED, n);
                }
            } catch (final NumberFormatException ignored) {
                // reported below
            }
        }
        throw BuiltinConfig.invalid(where + " (key `framing`)",
            "`framing`: expected lines, length-prefixed or fixed:N (N >= 1), found \"" + text + "\"",
            "use \"lines\", \"length-prefixed\" or \"fixed:128\"");
    }
}
