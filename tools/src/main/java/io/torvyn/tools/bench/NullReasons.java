package io.torvyn.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups a result's null reasons for printing: one line per distinct reason, with the figures it explains. */
final class NullReasons {
    private NullReasons() {
    }

    /** Reason → the figures under {@code prefix} (prefix removed) that it explains, in result order. */
    static Map<String, List<String>> under(final BenchResult r, final String prefix) {
        final Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : r.nullReasons().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                byReason.computeIfAbsent(e.getValue(), k -> new ArrayList<>())
                    .add(e.getKey().substring(prefix.length()));
            }
        }
        return byReason;
    }
}
