package io.torvyn.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `config_sha256`: SHA-256 over everything that shapes the effective configuration, in a fixed order: the manifest's
 * bytes, then each `--config` override, then each `TORVYN_*` environment variable (sorted), one per line. Two results
 * with the same hash ran the same configuration; a comparison across different hashes says so.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(final Path manifest, final List<String> overrides, final Map<String, String> env) {
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try {
            sha.update(Files.readAllBytes(manifest));
        } catch (final IOException e) {
            sha.update(("unreadable manifest " + manifest).getBytes(StandardCharsets.UTF_8));
        }
        for (final String o : overrides) {
            sha.update(("\n--config " + o).getBytes(StandardCharsets.UTF_8));
        }
        final Map<String, String> sorted = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TORVYN_")) {
                sorted.put(k, v);
            }
        });
        sorted.forEach((k, v) -> sha.update(("\n" + k + "=" + v).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }
}
