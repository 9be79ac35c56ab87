package io.torvyn.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The Linux CPU-list notation ("0-3,8,10-11") that `isolcpus`, `nohz_full`, `taskset -c`, sysfs and
 * `Cpus_allowed_list` all use, so the config, the engine and the tools read and print CPU sets the same way.
 */
public final class CpuLists {

    private CpuLists() {
    }

    /**
     * The ids of {@code text} in the order written (ranges ascending), duplicates kept; blank text is empty.
     *
     * @throws IllegalArgumentException when {@code text} is not a CPU list
     */
    public static List<Integer> parse(final String text) {
        final List<Integer> out = new ArrayList<>();
        final String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return out;
        }
        for (final String part : trimmed.split(",")) {
            final String p = part.trim();
            final int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    out.add(Integer.parseInt(p));
                } else {
                    final int from = Integer.parseInt(p.substring(0, dash).trim());
                    final int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (from < 0 || to < from || to - from > 1 << 16) {
                        throw new IllegalArgumentException("bad CPU range `" + p + "` in \"" + text + "\"");
                    }
                    for (int c = from; c <= to; c++) {
                        out.add(c);
                    }
                }
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("expected CPU ids such as \"2,3\" or \"2-5\", found \"" + text
                    + "\"", e);
            }
        }
        for (final int id : out) {
            if (id < 0) {
                throw new IllegalArgumentException("CPU ids are >= 0, found " + id + " in \"" + text + "\"");
            }
        }
        return out;
    }

    /** The compact, sorted notation of {@code cpus} ("0-3,8"); "" when empty. */
    public static String format(final Collection<Integer> cpus) {
        final TreeSet<Integer> sorted = new TreeSet<>(cpus);
        final StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (final int c : sorted) {
            if (prev != null && c == prev + 1) {
                prev = c;
                continue;
            }
            appendRange(sb, start, prev);
            start = c;
            prev = c;
        }
        appendRange(sb, start, prev);
        return sb.toString();
    }

    private static void appendRange(final StringBuilder sb, final Integer start, final Integer end) {
        if (start == null) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (end > start) {
            sb.append(end == start + 1 ? "," : "-").append(end);
        }
    }
}
