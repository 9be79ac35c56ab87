package io.torvyn.tools;

import io.torvyn.engine.schedule.HostCpus;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The facts about a machine that decide how far a benchmark on it can be trusted — CPU model, CPUs, isolation,
 * frequency governor — read from procfs and sysfs under a root directory, so tests can fake a machine.
 * `torvyn doctor` prints them and `scripts/bench-pinned.sh` stores them next to every result.
 *
 * @param cpuModel   the first `model name` of /proc/cpuinfo, or null
 * @param cpus       online, allowed, isolated and tickless CPUs
 * @param governors  the distinct cpufreq scaling governors of the online CPUs (empty when not readable)
 * @param kernel     `os.name os.version` of the JVM
 */
record MachineFacts(String cpuModel, HostCpus cpus, List<String> governors, String kernel) {

    static MachineFacts detect() {
        return detect(Path.of("/"), HostCpus.detect());
    }

    static MachineFacts detect(final Path root, final HostCpus cpus) {
        return new MachineFacts(cpuModel(root), cpus, governors(root, cpus), System.getProperty("os.name") + " "
            + System.getProperty("os.version"));
    }

    /** One governor when all CPUs agree, "mixed (a, b)" when not, null when not readable (VMs often hide it). */
    String governor() {
        if (governors.isEmpty()) {
            return null;
        }
        return governors.size() == 1 ? governors.get(0) : "mixed (" + String.join(", ", governors) + ")";
    }

    private static String cpuModel(final Path root) {
        try {
            for (final String line : Files.readAllLines(root.resolve("proc/cpuinfo"))) {
                final String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("model name") || lower.startsWith("hardware")) {
                    final int colon = line.indexOf(':');
                    if (colon > 0) {
                        return line.substring(colon + 1).trim();
                    }
                }
            }
        } catch (final IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static List<String> governors(final Path root, final HostCpus cpus) {
        final TreeSet<String> found = new TreeSet<>();
        for (final int cpu : cpus.online()) {
            final Path file = root.resolve("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor");
            try {
                found.add(Files.readString(file).trim());
            } catch (final IOException | RuntimeException e) {
                // not exposed for this CPU
            }
        }
        if (found.isEmpty()) {
            final Path policies = root.resolve("sys/devices/system/cpu/cpufreq");
            if (Files.isDirectory(policies)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(policies, "policy*")) {
                    for (final Path dir : dirs) {
                        try {
                            found.add(Files.readString(dir.resolve("scaling_governor")).trim());
                        } catch (final IOException e) {
                            // this policy has no governor file
                        }
                    }
                } catch (final IOException e) {
                    return List.of();
                }
            }
        }
        return new ArrayList<>(found);
    }
}
