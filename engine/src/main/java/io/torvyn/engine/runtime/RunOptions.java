package io.torvyn.engine.runtime;

/**
 * How one run is bounded, as `torvyn run` flags say.
 *
 * @param limit     elements all sources may emit in total (`--limit`), negative for none
 * @param timeoutNs stop and drain after this long, failing with E0400 (`--timeout`), 0 for none
 */
public record RunOptions(long limit, long timeoutNs) {
    public static final RunOptions UNBOUNDED = new RunOptions(-1, 0);
}
