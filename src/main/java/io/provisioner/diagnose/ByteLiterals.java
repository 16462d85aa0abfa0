package io.provisioner.diagnose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An Aho-Corasick automaton over bytes that answers one question per line: does it contain any of these ASCII
 * literals? A byte outside ASCII resets the scan (no literal holds one). The transition table is complete, so a scan
 * is one array load per byte.
 */
final class ByteLiterals {
    static final int ALPHABET = 128;

    /** state * 128 + byte to the next state; a negative state means "a literal ends here". */
    final int[] next;

    ByteLiterals(List<String> literals) {
        List<int[]> trie = new ArrayList<>();
        List<Boolean> terminal = new ArrayList<>();
        trie.add(row());
        terminal.add(false);
        for (String lit : literals) {
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            int st = 0;
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("non-ASCII literal: " + lit);
                }
                if (trie.get(st)[c] < 0) {
                    trie.get(st)[c] = trie.size();
                    trie.add(row());
                    terminal.add(false);
                }
                st = trie.get(st)[c];
            }
            terminal.set(st, true);
        }
        int states = trie.size();
        int[] fail = new int[states];
        int[] table = new int[states * ALPHABET];
        boolean[] done = new boolean[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            table[c] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        done[0] = terminal.get(0);
        while (!queue.isEmpty()) {
            int st = queue.poll();
            done[st] = terminal.get(st) || done[fail[st]];
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(st)[c];
                if (child < 0) {
                    table[st * ALPHABET + c] = table[fail[st] * ALPHABET + c];
                } else {
                    fail[child] = table[fail[st] * ALPHABET + c];
                    table[st * ALPHABET + c] = child;
                    queue.add(child);
                }
            }
        }
        // mark the terminal states by sign so the scan needs one load per byte
        for (int i = 0; i < table.length; i++) {
            int target = table[i];
            if (target > 0 && done[target]) {
                table[i] = -target;
            }
        }
        this.next = table;
    }

    private static int[] row() {
        int[] r = new int[ALPHABET];
        java.util.Arrays.fill(r, -1);
        return r;
    }

    /** True when b[from, to) contains one of the literals. */
    boolean anyIn(byte[] b, int from, int to) {
        final int[] t = next;
        int st = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0) {
                st = 0;
                continue;
            }
            st = t[(st << 7) | c];
            if (st < 0) {
                return true;
            }
        }
        return false;
    }
}
