package io.provisioner.diagnose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trie of ASCII literals, the one both literal searches build on: {@link LiteralIndex} turns it into an
 * Aho-Corasick automaton (every literal a line holds), {@link ByteLiterals} walks it from candidate positions (does a
 * line hold any). A byte or char outside ASCII has no edge: no literal holds one.
 */
final class LiteralTrie {
    static final int ALPHABET = 128;

    /** state * 128 + char to the child state, -1 when there is none; state 0 is the root. */
    final int[] child;
    /** Per state, the ids (indexes in the literal list) of the literals ending exactly there, or null. */
    final int[][] ends;
    /** The length of the shortest literal. */
    final int shortest;

    LiteralTrie(List<String> literals) {
        List<int[]> rows = new ArrayList<>();
        List<List<Integer>> endsAt = new ArrayList<>();
        rows.add(emptyRow());
        endsAt.add(new ArrayList<>());
        int min = Integer.MAX_VALUE;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            min = Math.min(min, literal.length());
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                char ch = literal.charAt(i);
                if (ch >= ALPHABET) {
                    throw new IllegalArgumentException("non-ASCII literal: " + literal);
                }
                if (rows.get(state)[ch] < 0) {
                    rows.get(state)[ch] = rows.size();
                    rows.add(emptyRow());
                    endsAt.add(new ArrayList<>());
                }
                state = rows.get(state)[ch];
            }
            endsAt.get(state).add(id);
        }
        int states = rows.size();
        child = new int[states * ALPHABET];
        ends = new int[states][];
        for (int state = 0; state < states; state++) {
            System.arraycopy(rows.get(state), 0, child, state * ALPHABET, ALPHABET);
            List<Integer> ids = endsAt.get(state);
            ends[state] = ids.isEmpty() ? null : ids.stream().mapToInt(Integer::intValue).toArray();
        }
        shortest = literals.isEmpty() ? 0 : min;
    }

    private static int[] emptyRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    int states() {
        return ends.length;
    }

    /** True when a literal starts at bytes[from] and ends before {@code to}. */
    boolean startsAt(byte[] bytes, int from, int to) {
        final int[] edges = child;
        int state = 0;
        for (int i = from; i < to; i++) {
            int code = bytes[i];
            if (code < 0) {
                return false;
            }
            state = edges[state * ALPHABET + code];
            if (state < 0) {
                return false;
            }
            if (ends[state] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Aho-Corasick automaton: a complete transition table (state * 128 + char, failure links folded in) and per
     * state every literal id that ends there, directly or through its failure links.
     */
    Automaton automaton() {
        int states = states();
        int[] fail = new int[states];
        int[] next = new int[states * ALPHABET];
        List<List<Integer>> out = new ArrayList<>();
        for (int state = 0; state < states; state++) {
            List<Integer> ids = new ArrayList<>();
            if (ends[state] != null) {
                for (int id : ends[state]) {
                    ids.add(id);
                }
            }
            out.add(ids);
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int symbol = 0; symbol < ALPHABET; symbol++) {
            int first = child[symbol];
            next[symbol] = Math.max(first, 0);
            if (first > 0) {
                queue.add(first);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            out.get(state).addAll(out.get(fail[state]));
            for (int symbol = 0; symbol < ALPHABET; symbol++) {
                int target = child[state * ALPHABET + symbol];
                if (target < 0) {
                    next[state * ALPHABET + symbol] = next[fail[state] * ALPHABET + symbol];
                } else {
                    next[state * ALPHABET + symbol] = target;
                    fail[target] = next[fail[state] * ALPHABET + symbol];
                    queue.add(target);
                }
            }
        }
        int[][] outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> ids = out.get(state);
            outputs[state] = ids.isEmpty() ? null : ids.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        return new Automaton(next, outputs);
    }

    record Automaton(int[] next, int[][] outputs) {
    }
}
