package io.torvyn.engine.config;

/**
 * `error_policy`: `fail-fast` stops the flow at the first component error; `skip-element` drops the element and goes
 * on; `retry:N` calls again up to N times, then skips.
 *
 * @param kind    the policy
 * @param retries extra attempts for {@link Kind#RETRY}, otherwise 0
 */
public record ErrorPolicy(Kind kind, int retries) {

    public static final ErrorPolicy FAIL_FAST = new ErrorPolicy(Kind.FAIL_FAST, 0);
    public static final ErrorPolicy SKIP_ELEMENT = new ErrorPolicy(Kind.SKIP_ELEMENT, 0);

    /** The three policy families. */
    public enum Kind { FAIL_FAST, SKIP_ELEMENT, RETRY }

    /** Parses "fail-fast", "skip-element" or "retry:N" (N >= 1); null when the text is none of these. */
    public static ErrorPolicy parse(final String text) {
        if ("fail-fast".equals(text)) {
            return FAIL_FAST;
        }
        if ("skip-element".equals(text)) {
            return SKIP_ELEMENT;
        }
        if (text != null && text.startsWith("retry:")) {
            try {
                final int n = Integer.parseInt(text.substring("retry:".length()));
                return n >= 1 ? new ErrorPolicy(Kind.RETRY, n) : null;
            } catch (final NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return kind == Kind.RETRY ? "retry:" + retries : kind == Kind.FAIL_FAST ? "fail-fast" : "skip-element";
    }
}
