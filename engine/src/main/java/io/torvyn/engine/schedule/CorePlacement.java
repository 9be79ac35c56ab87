package io.torvyn.engine.schedule;

import io.torvyn.engine.config.CpuLists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@link LayoutPlan}s to real threads, process-wide. A pinned run {@link #reserve reserves} its CPUs for as
 * long as it runs; every helper thread made by {@link TorvynThreads} (journal writer, Wasm watchdogs and epoch
 * tickers) is kept on the housekeeping CPUs while any reservation is active — those that start later pin themselves
 * when they start, those already running are moved by their Linux thread id — and gets the process's own CPUs back
 * when the last reservation ends. With no reservation nothing here calls into the OS.
 */
public final class CorePlacement {

    private static final Map<Thread, Integer> HELPERS = new ConcurrentHashMap<>();
    private static final List<Reservation> ACTIVE = new ArrayList<>();
    private static volatile List<Integer> helperCpus = List.of();

    private CorePlacement() {
    }

    /** True when threads can be pinned on this platform (Linux with the JNA binding). */
    public static boolean supported() {
        return NativeAffinity.available();
    }

    /**
     * Reserves {@code plan}'s pinned CPUs and moves every helper thread onto its housekeeping CPUs until the returned
     * reservation is closed. A plan that pins nothing reserves nothing.
     */
    public static Reservation reserve(final LayoutPlan plan) {
        final Reservation r = new Reservation(plan.pinnedCpus(), plan.housekeepingCpus());
        if (plan.pinned() && supported()) {
            synchronized (ACTIVE) {
                ACTIVE.add(r);
                retarget();
            }
        }
        return r;
    }

    /**
     * Pins the calling thread to {@code cpu}.
     *
     * @throws IllegalStateException when pinning is not supported or the kernel refuses (e.g. a cpuset without it)
     */
    public static void pinCurrentThread(final int cpu) {
        if (!supported()) {
            throw new IllegalStateException("thread affinity is not supported on this platform");
        }
        NativeAffinity.pinCurrent(List.of(cpu));
    }

    /** The CPUs the calling thread may run on, or an empty list when that cannot be read. */
    public static List<Integer> currentThreadCpus() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuLists.parse(line.substring("Cpus_allowed_list:".length()));
                }
            }
        } catch (final IOException | RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** The CPUs helper threads are kept on now; empty when no reservation is active. */
    public static List<Integer> helperCpus() {
        return helperCpus;
    }

    /** Runs {@code body} as a helper thread: kept off reserved CPUs for as long as it runs. */
    static void runAsHelper(final Runnable body) {
        final Thread self = Thread.currentThread();
        final int tid = linuxThreadId();
        try {
            synchronized (ACTIVE) {
                HELPERS.put(self, tid);
                final List<Integer> cpus = helperCpus;
                if (!cpus.isEmpty()) {
                    try {
                        NativeAffinity.pinCurrent(cpus);
                    } catch (final RuntimeException e) {
                        // a helper that cannot be moved still does its job, just on any CPU
                    }
                }
            }
            body.run();
        } finally {
            HELPERS.remove(self);
        }
    }

    /** Must hold ACTIVE. */
    private static void retarget() {
        final Set<Integer> reserved = new TreeSet<>();
        final Set<Integer> housekeeping = new LinkedHashSet<>();
        for (final Reservation r : ACTIVE) {
            reserved.addAll(r.pinned);
            housekeeping.addAll(r.housekeeping);
        }
        housekeeping.removeAll(reserved);
        final List<Integer> target = ACTIVE.isEmpty() || housekeeping.isEmpty() ? List.of()
            : List.copyOf(new TreeSet<>(housekeeping));
        helperCpus = target;
        final List<Integer> mask = target.isEmpty() ? processCpus() : target;
        if (mask.isEmpty()) {
            return;
        }
        for (final Map.Entry<Thread, Integer> helper : HELPERS.entrySet()) {
            if (helper.getValue() > 0 && helper.getKey().isAlive()) {
                try {
                    NativeAffinity.pin(helper.getValue(), mask);
                } catch (final RuntimeException e) {
                    // the helper may have just ended; it is removed from HELPERS by itself
                }
            }
        }
    }

    private static List<Integer> processCpus() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuLists.parse(line.substring("Cpus_allowed_list:".length()));
                }
            }
        } catch (final IOException | RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** The calling thread's Linux thread id from /proc/thread-self, or -1. */
    private static int linuxThreadId() {
        try {
            final String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPUs held by one running flow; closing it (idempotent) gives helpers their CPUs back. */
    public static final class Reservation implements AutoCloseable {
        private final List<Integer> pinned;
        private final List<Integer> housekeeping;

        private Reservation(final List<Integer> pinned, final List<Integer> housekeeping) {
            this.pinned = pinned;
            this.housekeeping = housekeeping;
        }

        @Override
        public void close() {
            synchronized (ACTIVE) {
                if (ACTIVE.remove(this)) {
                    retarget();
                }
            }
        }
    }
}
