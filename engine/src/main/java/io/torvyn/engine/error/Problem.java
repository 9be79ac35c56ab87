package io.torvyn.engine.error;

/**
 * One user-visible problem: a code, a one-line message, where it happened and how to fix it. `check` collects many of
 * these; a failing run carries one inside a {@link TorvynException}.
 *
 * @param code    catalogue code
 * @param message one line: what went wrong, with expected vs found where that applies
 * @param where   file and key path, flow and node, or journal and offset
 * @param help    how to fix it
 */
public record Problem(ErrorCode code, String message, String where, String help) {

    /** The human rendering of spec/cli.md: `error[EXXXX]: what`, `--> where`, `help: how`. */
    public String render() {
        final StringBuilder sb = new StringBuilder();
        sb.append("error[").append(code.name()).append("]: ").append(message);
        if (where != null && !where.isEmpty()) {
            sb.append("\n  --> ").append(where);
        }
        if (help != null && !help.isEmpty()) {
            sb.append("\n  help: ").append(help);
        }
        return sb.toString();
    }
}
