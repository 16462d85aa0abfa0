package io.provisioner.diagnose;

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

    /**
     * Per ASCII char, its column in the tables: 1 and up for the chars some literal holds, 0 for the others (no
     * edge). The rule book's literals use about 70 of the 128 chars, so the tables (built on every start of the
     * CLI, a few thousand states each) are about half as wide as a column per char.
     */
    final int[] columnOf;
    /** Columns per state. */
    final int width;
    /** state * width + column to the child state, -1 when there is none; state 0 is the root. */
    final int[] child;
    /** Per state, the ids (indexes in the literal list) of the literals ending exactly there, or null. */
    final int[][] ends;
    /** The length of the shortest literal. */
    final int shortest;

    /** Literals are compared byte for byte as ASCII: one outside it could never match, so it is refused. */
    static void requireAscii(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (literal.charAt(i) >= ALPHABET) {
                throw new IllegalArgumentException("non-ASCII literal: " + literal);
            }
        }
    }

    LiteralTrie(List<String> literals) {
        columnOf = new int[ALPHABET];
        int columns = 1;
        int min = Integer.MAX_VALUE;
        int chars = 0;
        for (String literal : literals) {
            requireAscii(literal);
            min = Math.min(min, literal.length());
            chars += literal.length();
            for (int i = 0; i < literal.length(); i++) {
                char ch = literal.charAt(i);
                if (columnOf[ch] == 0) {
                    columnOf[ch] = columns++;
                }
            }
        }
        width = columns;
        // at most one state per char of the literals, plus the root
        int[] edges = new int[(chars + 1) * width];
        Arrays.fill(edges, -1);
        List<List<Integer>> endsAt = new ArrayList<>();
        endsAt.add(null);
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                int edge = state * width + columnOf[literal.charAt(i)];
                if (edges[edge] < 0) {
                    edges[edge] = states++;
                    endsAt.add(null);
                }
                state = edges[edge];
            }
            if (endsAt.get(state) == null) {
                endsAt.set(state, new ArrayList<>());
            }
            endsAt.get(state).add(id);
        }
        child = Arrays.copyOf(edges, states * width);
        ends = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> ids = endsAt.get(state);
            ends[state] = ids == null ? null : ids.stream().mapToInt(Integer::intValue).toArray();
        }
        shortest = literals.isEmpty() ? 0 : min;
    }

    int states() {
        return ends.length;
    }

    /** True when a literal starts at bytes[from] and ends before {@code to}. */
    boolean startsAt(byte[] bytes, int from, int to) {
        final int[] edges = child;
        final int[] columns = columnOf;
        int state = 0;
        for (int i = from; i < to; i++) {
            int code = bytes[i];
            if (code < 0) {
                return false;
            }
            state = edges[state * width + columns[code]];
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
     * The Aho-Corasick automaton: a complete transition table (state * width + column, failure links folded in) and per
     * state every literal id that ends there, directly or through its failure links.
     */
    Automaton automaton() {
        int states = states();
        int[] fail = new int[states];
        int[] next = new int[states * width];
        // per state, the literals ending there or at a state on its failure chain; a state's failure target is
        // shallower, so breadth-first order has it done first (arrays, not a list per state: this runs on every
        // start of the CLI, a few thousand states)
        int[][] outputs = new int[states][];
        outputs[0] = union(ends[0], null); // an empty literal ends at the root
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int symbol = 0; symbol < width; symbol++) {
            int first = child[symbol];
            next[symbol] = Math.max(first, 0);
            if (first > 0) {
                queue[tail++] = first;
            }
        }
        while (head < tail) {
            int state = queue[head++];
            outputs[state] = union(ends[state], outputs[fail[state]]);
            for (int symbol = 0; symbol < width; symbol++) {
                int target = child[state * width + symbol];
                if (target < 0) {
                    next[state * width + symbol] = next[fail[state] * width + symbol];
                } else {
                    next[state * width + symbol] = target;
                    fail[target] = next[fail[state] * width + symbol];
                    queue[tail++] = target;
                }
            }
        }
        return new Automaton(columnOf, width, next, outputs);
    }

    /** own, then the ids of inherited not already there; null when both are empty. */
    private static int[] union(int[] own, int[] inherited) {
        if (inherited == null) {
            return own == null ? null : Arrays.stream(own).distinct().toArray();
        }
        if (own == null) {
            return inherited;
        }
        return java.util.stream.IntStream.concat(Arrays.stream(own), Arrays.stream(inherited)).distinct().toArray();
    }

    /** @param next state * width + columnOf[char] to the next state */
    record Automaton(int[] columnOf, int width, int[] next, int[][] outputs) {
    }
}
