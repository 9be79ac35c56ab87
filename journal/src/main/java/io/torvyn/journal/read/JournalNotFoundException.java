package io.torvyn.journal.read;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.nio.file.Path;

/** E0601: the path given holds no journal at all (as opposed to a damaged one, which is read as far as possible). */
public final class JournalNotFoundException extends TorvynException {
    private static final long serialVersionUID = 1L;

    public JournalNotFoundException(final Path path, final String why) {
        super(new Problem(ErrorCode.E0601, "no journal at `" + path + "`: " + why, "journal " + path,
            "pass a run directory such as .torvyn/journal/main-20261126T100000.000Z (written with `[journal] level = "
                + "\"ops\"` or \"payloads\", or by `torvyn trace`)"));
    }
}
