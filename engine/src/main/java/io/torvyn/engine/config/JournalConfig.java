package io.torvyn.engine.config;

import java.nio.file.Path;

/** `[journal]`: level and the parent directory of per-run journal directories (resolved against the manifest). */
public record JournalConfig(JournalLevel level, Path path) {
}
