package io.torvyn.tools.bench;

import io.torvyn.engine.config.TorvynConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one `torvyn bench` was asked to do, parsed and validated.
 *
 * @param config           the loaded manifest
 * @param manifest         its path (hashed into `config_sha256`)
 * @param overrides        the `--config` overrides (hashed too)
 * @param env              the environment the config was loaded with
 * @param flow             `--flow`, null for the first flow
 * @param warmupNs         `--warmup`
 * @param durationNs       `--duration`
 * @param baselineName     `--baseline`, null to save under a UTC timestamp
 * @param compare          `--compare`, a path or a name; null for none
 * @param thresholdPercent `--threshold`
 * @param report           `--report`, null for none
 * @param workingDir       where relative paths on the command line start
 */
public record BenchRequest(TorvynConfig config, Path manifest, List<String> overrides, Map<String, String> env,
                           String flow, long warmupNs, long durationNs, String baselineName, String compare,
                           double thresholdPercent, Path report, Path workingDir) {
}
