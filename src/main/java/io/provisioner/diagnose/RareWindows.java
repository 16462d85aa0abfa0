package io.provisioner.diagnose;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses, per literal, which 4 consecutive windows {@link ByteLiterals} indexes: those whose hashes ordinary logs
 * rarely probe. Any 4 consecutive windows find the literal at every alignment (the probes are 4 bytes apart), but a
 * "maybe" costs a bucket search, and a literal's first windows are often words a DevStack log is full of ("sta" of
 * "devstack@" in every /opt/stack, "Could not " of "Could not get lock"). A probe says maybe when its window's hash
 * bit is set, whatever window set it: so a window's cost is how often reference text hashes to its bit (its own
 * occurrences and the collisions), counted at every position of the reference logs. Run at build time
 * ({@link CompactRules}), so the CLI's start counts nothing.
 */
final class RareWindows {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BITS = 1 << 16;
    /** Passes of the choice over all literals: a later literal's choice can change what an earlier one shares. */
    private static final int PASSES = 3;

    private RareWindows() {
    }

    /**
     * Per literal of 5 bytes or more, the offset of its first indexed window (for {@link ByteLiterals}); the
     * literals' windows together set as few often-probed bits as the choice allows.
     *
     * @param reference text like the logs to be scanned (not the literals' failures: ordinary lines)
     */
    static Map<String, Integer> choose(List<String> literals, List<byte[]> reference) {
        long[] longCounts = new long[BITS];
        long[] shortCounts = new long[BITS];
        for (byte[] text : reference) {
            for (int i = 0; i + Long.BYTES <= text.length; i++) {
                long word = (long) LONGS.get(text, i);
                longCounts[ByteLiterals.longHash(word)]++;
                shortCounts[ByteLiterals.shortHash(word)]++;
            }
        }
        // in a fixed order: the rule book's list is not (the log reader's markers come partly from Set.of), and a
        // literal's best windows depend on what those chosen before it share
        List<String> distinct = literals.stream().distinct().sorted()
                .filter(l -> ByteLiterals.firstWindowMax(l.length()) > ByteLiterals.firstWindowMin(l.length()))
                .toList();
        // how many chosen windows set each bit; literals without a choice set theirs once and for all
        int[] longUsers = new int[BITS];
        int[] shortUsers = new int[BITS];
        for (String literal : literals.stream().distinct().toList()) {
            if (literal.length() >= 5) {
                use(literal, ByteLiterals.firstWindowMin(literal.length()), longUsers, shortUsers, 1);
            }
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (String literal : distinct) {
            chosen.put(literal, ByteLiterals.firstWindowMin(literal.length()));
        }
        for (int pass = 0; pass < PASSES; pass++) {
            for (String literal : distinct) {
                boolean longs = ByteLiterals.longFiltered(literal.length());
                int[] users = longs ? longUsers : shortUsers;
                long[] counts = longs ? longCounts : shortCounts;
                use(literal, chosen.get(literal), longUsers, shortUsers, -1);
                int best = chosen.get(literal);
                long bestCost = Long.MAX_VALUE;
                for (int first = ByteLiterals.firstWindowMin(literal.length());
                     first <= ByteLiterals.firstWindowMax(literal.length()); first++) {
                    long cost = cost(literal, first, users, counts);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = first;
                    }
                }
                chosen.put(literal, best);
                use(literal, best, longUsers, shortUsers, 1);
            }
        }
        return chosen;
    }

    /**
     * What indexing the literal's windows from {@code first} adds: per bit no other window sets, the probes that
     * will hash there (plus one, so that of two unseen windows the one sharing a bit wins); per bit shared, a
     * quarter of them (a "maybe" there already happens; this literal only adds a comparison to its bucket search).
     */
    private static long cost(String literal, int first, int[] users, long[] counts) {
        long cost = 0;
        Set<Integer> seen = new HashSet<>();
        for (int[] window : ByteLiterals.windows(literal, first)) {
            int bit = window[0];
            long probes = 4 * (counts[bit] + 1);
            cost += seen.add(bit) && users[bit] == 0 ? probes : probes / 4;
        }
        return cost;
    }

    private static void use(String literal, int first, int[] longUsers, int[] shortUsers, int delta) {
        int[] users = ByteLiterals.longFiltered(literal.length()) ? longUsers : shortUsers;
        for (int[] window : ByteLiterals.windows(literal, first)) {
            users[window[0]] += delta;
        }
    }
}
