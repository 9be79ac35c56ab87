package io.torvyn.engine.schedule;

import net.openhft.affinity.Affinity;
import net.openhft.affinity.impl.LinuxHelper;
import net.openhft.affinity.impl.LinuxJNAAffinity;

import java.util.BitSet;
import java.util.List;

/**
 * The one place that calls OpenHFT Java Thread Affinity (`sched_setaffinity` through JNA). Loaded only when a run
 * pins something, so a run without `cpu_affinity` never loads JNA.
 */
final class NativeAffinity {

    private static final boolean AVAILABLE = probe();

    private NativeAffinity() {
    }

    /** True on Linux with the JNA binding working. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Restricts the calling thread to {@code cpus}; throws IllegalStateException when the kernel refuses. */
    static void pinCurrent(final List<Integer> cpus) {
        Affinity.setAffinity(bits(cpus));
    }

    /** Restricts thread {@code tid} (a Linux thread id) to {@code cpus}. */
    static void pin(final int tid, final List<Integer> cpus) {
        LinuxHelper.sched_setaffinity(tid, bits(cpus));
    }

    /** The calling thread's CPUs. */
    static BitSet current() {
        return Affinity.getAffinity();
    }

    private static BitSet bits(final List<Integer> cpus) {
        final BitSet bits = new BitSet();
        cpus.forEach(bits::set);
        return bits;
    }

    private static boolean probe() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            return false;
        }
        try {
            return LinuxJNAAffinity.LOADED;
        } catch (final Throwable t) {
            return false;
        }
    }
}
