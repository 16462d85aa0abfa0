package io.provisioner.diagnose;

import java.util.List;

/**
 * Aho-Corasick automaton over ASCII literals (built from a {@link LiteralTrie}): one pass over a line reports every
 * literal it contains. Built once per rule book; scanning allocates nothing. Non-ASCII characters never occur in
 * literals and reset the scan.
 */
final class LiteralIndex {
    private static final int ALPHABET = LiteralTrie.ALPHABET;

    private final int[] columnOf;  // char to its column in next; 0 for a char no literal holds
    private final int width;
    private final int[] next;      // complete transition table, state * width + column
    private final int[][] outputs; // literal ids ending at each state (failure-link closure)

    /** @param literals ASCII strings; the id of each is its index */
    LiteralIndex(List<String> literals) {
        LiteralTrie.Automaton automaton = new LiteralTrie(literals).automaton();
        columnOf = automaton.columnOf();
        width = automaton.width();
        next = automaton.next();
        outputs = automaton.outputs();
    }

    /** Calls {@code hit} for every literal occurrence in {@code text} (a literal may be reported more than once). */
    void scan(String text, Hit hit) {
        int st = 0;
        final int[] nx = next;
        final int[] columns = columnOf;
        final int stride = width;
        for (int i = 0, length = text.length(); i < length; i++) {
            char ch = text.charAt(i);
            st = ch < ALPHABET ? nx[st * stride + columns[ch]] : 0;
            int[] found = outputs[st];
            if (found != null) {
                for (int id : found) {
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
