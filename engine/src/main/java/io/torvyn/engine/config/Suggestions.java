package io.torvyn.engine.config;

import java.util.Collection;

/**
 * "Did you mean ...?" for every name a user can misspell (config keys, node names, router ports, components), so an
 * error points at the fix instead of listing what exists.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input} by edit distance (ignoring case), or null when none is close enough to be
     * a plausible typo: at most a third of the longer name's length, and at least 1 and at most 3 edits.
     */
    public static String nearest(final String input, final Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : candidates) {
            final int d = editDistance(input.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null) {
            return null;
        }
        final int allowed = Math.min(3, Math.max(1, Math.max(input.length(), best.length()) / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** "did you mean `x`?" or the empty string when no candidate is close. */
    public static String didYouMean(final String input, final Collection<String> candidates) {
        final String nearest = nearest(input, candidates);
        return nearest == null ? "" : "did you mean `" + nearest + "`?";
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    public static int editDistance(final String a, final String b) {
        final int n = a.length();
        final int m = b.length();
        final int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
