package io.torvyn.engine.error;

/**
 * The one exception type that crosses layer boundaries. It always carries a {@link Problem}, so whoever catches it can
 * print the spec's error block and choose the exit code without string matching.
 */
public class TorvynException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;

    public TorvynException(final Problem problem) {
        super(problem.code().name() + ": " + problem.message());
        this.problem = problem;
    }

    public TorvynException(final Problem problem, final Throwable cause) {
        super(problem.code().name() + ": " + problem.message(), cause);
        this.problem = problem;
    }

    public TorvynException(final ErrorCode code, final String message, final String where, final String help) {
        this(new Problem(code, message, where, help));
    }

    public Problem problem() {
        return problem;
    }

    public ErrorCode code() {
        return problem.code();
    }
}
