package io.torvyn.engine.config;

/** The `[torvyn]` table: project identity and the ABI contract version its components target. */
public record ProjectInfo(String name, String version, String contractVersion) {
}
