package io.torvyn.tools.bench;

/** What `--compare` says about one headline figure. */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    WITHIN_NOISE("within noise"),
    NOT_COMPARABLE("not comparable");

    private final String text;

    Verdict(final String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
