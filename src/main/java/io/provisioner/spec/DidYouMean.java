package io.provisioner.spec;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" hint for a misspelt key or enum value: the closest known word within edit distance 2. */
final class DidYouMean {
    private DidYouMean() {
    }

    static String hint(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int candidateDistance = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (candidateDistance < bestDistance) {
                best = candidate;
                bestDistance = candidateDistance;
            }
        }
        if (best != null && bestDistance <= 2) {
            return "did you mean '" + best + "'?";
        }
        return "expected one of: " + String.join(", ", known);
    }

    static int distance(String left, String right) {
        int[] prev = new int[right.length() + 1];
        int[] cur = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[right.length()];
    }
}
