package dev.slipway;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the known names closest to a mistyped one, for "did you mean" in error messages. Pure. */
public final class CloseMatches {

    private CloseMatches() {
    }

    /** Up to three known names within a small edit distance of {@code typed}, closest first. */
    public static List<String> of(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 3);
        return known.stream()
                .filter(k -> distance(t, k.toLowerCase(Locale.ROOT)) <= limit || k.toLowerCase(Locale.ROOT).contains(t))
                .sorted(Comparator.comparingInt(k -> distance(t, k.toLowerCase(Locale.ROOT))))
                .limit(3).toList();
    }

    /** {@code "; did you mean a or b?"}, or the empty string when nothing is close. */
    public static String hint(String typed, Collection<String> known) {
        List<String> close = of(typed, known);
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
