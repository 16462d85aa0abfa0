package io.provisioner.diagnose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over ASCII literals: one pass over a line reports every literal it contains. Built once
 * per rule book; scanning allocates nothing. Non-ASCII characters never occur in literals and reset the scan.
 */
final class LiteralIndex {
    private static final int ALPHABET = 128;

    private final int[] next;      // complete transition table, state * 128 + char
    private final int[][] outputs; // literal ids ending at each state (failure-link closure)

    /** @param literals ASCII strings; the id of each is its index */
    LiteralIndex(List<String> literals) {
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            int st = 0;
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("non-ASCII literal: " + lit);
                }
                if (trie.get(st)[c] < 0) {
                    trie.get(st)[c] = trie.size();
                    trie.add(newRow());
                    out.add(new ArrayList<>());
                }
                st = trie.get(st)[c];
            }
            out.get(st).add(id);
        }
        int states = trie.size();
        int[] fail = new int[states];
        next = new int[states * ALPHABET];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            if (child < 0) {
                next[c] = 0;
            } else {
                next[c] = child;
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int st = queue.poll();
            out.get(st).addAll(out.get(fail[st]));
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(st)[c];
                if (child < 0) {
                    next[st * ALPHABET + c] = next[fail[st] * ALPHABET + c];
                } else {
                    next[st * ALPHABET + c] = child;
                    fail[child] = next[fail[st] * ALPHABET + c];
                    queue.add(child);
                }
            }
        }
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            List<Integer> o = out.get(s);
            outputs[s] = o.isEmpty() ? null : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Calls {@code hit} for every literal occurrence in {@code s} (a literal may be reported more than once). */
    void scan(String s, Hit hit) {
        int st = 0;
        final int[] nx = next;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            st = c < ALPHABET ? nx[st * ALPHABET + c] : 0;
            int[] o = outputs[st];
            if (o != null) {
                for (int id : o) {
                    hit.literal(id);
                }
            }
        }
    }

    @FunctionalInterface
    interface Hit {
        void literal(int id);
    }
}
