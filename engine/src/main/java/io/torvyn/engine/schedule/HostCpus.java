package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuLists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a machine offers for core placement, read from Linux's sysfs and procfs: the CPUs that exist, the ones this
 * process may run on (its `taskset` mask), and the ones the kernel keeps free of other work (`isolcpus`, `nohz_full`).
 * A plain value so {@link LayoutPlanner} can be tested for an 8-core isolated machine on a 2-core laptop.
 *
 * @param online    CPU ids that exist and are online, ascending
 * @param available what the JVM reports as available processors (its affinity mask or container quota)
 * @param allowed   CPU ids this process may run on at start (`Cpus_allowed_list`), ascending
 * @param isolated  CPU ids isolated from the scheduler (`isolcpus`), ascending; empty when none
 * @param nohzFull  CPU ids running without the periodic tick (`nohz_full`), ascending; empty when none
 */
public record HostCpus(List<Integer> online, int available, List<Integer> allowed, List<Integer> isolated,
                       List<Integer> nohzFull) {

    private static final String CPU_DIR = "sys/devices/system/cpu";

    public HostCpus {
        online = List.copyOf(online);
        allowed = List.copyOf(allowed);
        isolated = List.copyOf(isolated);
        nohzFull = List.copyOf(nohzFull);
    }

    /** A machine with CPUs 0..cores-1, all available, none isolated. */
    public static HostCpus of(final int cores) {
        return of(cores, List.of());
    }

    /** A machine with CPUs 0..cores-1, all available, {@code isolated} isolated (and tickless). */
    public static HostCpus of(final int cores, final List<Integer> isolated) {
        final List<Integer> all = range(cores);
        return new HostCpus(all, cores, all, isolated, isolated);
    }

    /** This machine, as the running JVM sees it. */
    public static HostCpus detect() {
        return detect(Path.of("/"), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The machine whose procfs and sysfs are mounted under {@code root}; files that cannot be read fall back to
     * {@code available} CPUs, all allowed, none isolated.
     */
    public static HostCpus detect(final Path root, final int available) {
        final List<Integer> online = cpuFile(root.resolve(CPU_DIR + "/online"), range(available));
        final String cmdline = read(root.resolve("proc/cmdline"));
        List<Integer> isolated = cpuFile(root.resolve(CPU_DIR + "/isolated"), null);
        if (isolated == null) {
            isolated = cmdlineCpus(cmdline, "isolcpus");
        }
        List<Integer> nohz = cpuFile(root.resolve(CPU_DIR + "/nohz_full"), null);
        if (nohz == null) {
            nohz = cmdlineCpus(cmdline, "nohz_full");
        }
        final List<Integer> allowed = allowedCpus(read(root.resolve("proc/self/status")), online);
        return new HostCpus(online, available, allowed, isolated, nohz);
    }

    /** True when some CPUs are isolated from the scheduler. */
    public boolean hasIsolation() {
        return !isolated.isEmpty();
    }

    private static List<Integer> allowedCpus(final String status, final List<Integer> online) {
        if (status != null) {
            for (final String line : status.split("\n")) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    try {
                        return sorted(CpuLists.parse(line.substring("Cpus_allowed_list:".length())));
                    } catch (final IllegalArgumentException e) {
                        return online;
                    }
                }
            }
        }
        return online;
    }

    /** The CPUs of {@code key=...} on the kernel command line; flags such as `isolcpus=nohz,domain,2-7` skipped. */
    static List<Integer> cmdlineCpus(final String cmdline, final String key) {
        if (cmdline == null) {
            return List.of();
        }
        for (final String arg : cmdline.trim().split("\\s+")) {
            if (!arg.startsWith(key + "=")) {
                continue;
            }
            final List<Integer> out = new ArrayList<>();
            for (final String part : arg.substring(key.length() + 1).split(",")) {
                if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
                    try {
                        out.addAll(CpuLists.parse(part));
                    } catch (final IllegalArgumentException e) {
                        return List.of();
                    }
                }
            }
            return sorted(out);
        }
        return List.of();
    }

    private static List<Integer> cpuFile(final Path file, final List<Integer> fallback) {
        final String text = read(file);
        if (text == null) {
            return fallback;
        }
        try {
            return sorted(CpuLists.parse(text));
        } catch (final IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (final IOException | SecurityException e) {
            return null;
        }
    }

    private static List<Integer> sorted(final List<Integer> cpus) {
        return cpus.stream().distinct().sorted().toList();
    }

    private static List<Integer> range(final int n) {
        final List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
