package io.provisioner.spec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The "did you mean" hint for a misspelt key or enum value: the closest known word within edit distance 2. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The mappings of a host whose keys users write one level too high ({@code no_proxy:} beside {@code proxy:}). */
    private static final Map<String, List<String>> NESTED = Map.of("ssh", HostBinder.SSH_KEYS,
            "devstack", HostBinder.DEVSTACK_KEYS, "proxy", HostBinder.PROXY_KEYS,
            "passwords", HostBinder.PASSWORD_KEYS, "timeouts", HostBinder.TIMEOUT_KEYS);

    static String hint(String given, Collection<String> known) {
        for (Map.Entry<String, List<String>> nested : NESTED.entrySet()) {
            if (known.contains(nested.getKey()) && nested.getValue().contains(given)) {
                return "it belongs under '" + nested.getKey() + "': write " + nested.getKey() + ": {" + given + ": ...}";
            }
        }
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
