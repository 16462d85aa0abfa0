package io.provisioner.diagnose;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Answers one question per line of raw bytes: does it contain any of these ASCII literals? Filters first, then the
 * literal trie is walked only where a filter says "maybe". The filters are 64 Kbit tables of hashed byte windows
 * ("q-grams"), read in strides so most positions are never looked at:
 * <ul>
 * <li>literals of at least 11 bytes: every 8-byte window starting in their first 4 bytes is in a table, and the
 * text is probed at every 4th position (one of those lands in the first 4 bytes of any occurrence);</li>
 * <li>literals of 5 to 10 bytes: 4-byte windows at offsets 0 and 1, probed at every 2nd position;</li>
 * <li>literals of 3 or 4 bytes (none among the built-in rules): their first 3 bytes, probed at every position;</li>
 * <li>shorter ones: the trie from every position.</li>
 * </ul>
 * The probes of a stride do not depend on each other, so the CPU overlaps them. Eight bytes tell a literal from the
 * words it starts with ("/opt/stack/" is not "stack.sh failed"), so walks are rare. Allocates nothing.
 */
final class ByteLiterals {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HASH_BITS = 16;
    /** Long literals: window and stride. */
    private static final int LONG_WINDOW = 8;
    private static final int LONG_STRIDE = 4;
    /** Short literals: window and stride. */
    private static final int SHORT_WINDOW = 4;
    private static final int SHORT_STRIDE = 2;
    private static final int TINY_WINDOW = 3;
    private static final int TINY_MASK = 0xFFFFFF;

    private final LiteralTrie trie;
    private final long[] longFilter = newFilter();
    private final long[] shortFilter = newFilter();
    private final long[] tinyFilter = newFilter();
    private final boolean anyTiny;
    /** Some literal is shorter than a tiny window: the trie is walked from every position. */
    private final boolean walkEverywhere;

    ByteLiterals(List<String> literals) {
        if (literals.isEmpty() || literals.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("ByteLiterals needs literals, none empty");
        }
        this.trie = new LiteralTrie(literals);
        boolean tiny = false;
        boolean shorter = false;
        for (String literal : literals) {
            int length = literal.length();
            if (length >= LONG_WINDOW + LONG_STRIDE - 1) {
                for (int offset = 0; offset < LONG_STRIDE; offset++) {
                    set(longFilter, hash(window(literal, offset, LONG_WINDOW)));
                }
            } else if (length >= SHORT_WINDOW + SHORT_STRIDE - 1) {
                for (int offset = 0; offset < SHORT_STRIDE; offset++) {
                    set(shortFilter, hash((int) window(literal, offset, SHORT_WINDOW)));
                }
            } else if (length >= TINY_WINDOW) {
                tiny = true;
                set(tinyFilter, hash((int) window(literal, 0, TINY_WINDOW)));
            } else {
                shorter = true;
            }
        }
        this.anyTiny = tiny;
        this.walkEverywhere = shorter;
    }

    private static long[] newFilter() {
        return new long[(1 << HASH_BITS) / Long.SIZE];
    }

    /** The bytes literal[from, from + n) as a little-endian word, as a load from the text gives them. */
    private static long window(String literal, int from, int length) {
        long word = 0;
        for (int i = 0; i < length; i++) {
            word |= (long) (literal.charAt(from + i) & 0xff) << (8 * i);
        }
        return word;
    }

    private static void set(long[] filter, int bit) {
        filter[bit >>> 6] |= 1L << bit;
    }

    private static int hash(long word) {
        return (int) ((word * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - HASH_BITS));
    }

    private static int hash(int word) {
        return (word * 0x9E3779B1) >>> (Integer.SIZE - HASH_BITS);
    }

    private static boolean maybe(long[] filter, int bit) {
        return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    /** True when bytes[from, to) contains one of the literals. */
    boolean anyIn(byte[] bytes, int from, int to) {
        if (walkEverywhere) {
            return walk(bytes, from, to - 1, to);
        }
        if (strided(bytes, from, to)) {
            return true;
        }
        return anyTiny && tiny(bytes, from, to);
    }

    /** Long and short literals: probes at every 4th (8-byte window) and every 2nd position (4-byte windows). */
    private boolean strided(byte[] bytes, int from, int to) {
        final long[] longs = longFilter;
        final long[] shorts = shortFilter;
        int i = from;
        for (; i + LONG_WINDOW <= to; i += LONG_STRIDE) {
            long word = (long) LONGS.get(bytes, i);
            int atI = hash(word);
            int shortAtI = hash((int) word);
            int shortAfter = hash((int) (word >>> 16));
            if (((longs[atI >>> 6] & (1L << atI)) | (shorts[shortAtI >>> 6] & (1L << shortAtI))
                    | (shorts[shortAfter >>> 6] & (1L << shortAfter))) != 0
                    // a long literal may start up to 3 bytes before i, a short one 1 byte before i or i + 2
                    && walk(bytes, Math.max(from, i - (LONG_STRIDE - 1)), i + SHORT_STRIDE, to)) {
                return true;
            }
        }
        for (; i + SHORT_WINDOW <= to; i += SHORT_STRIDE) {
            if (maybe(shorts, hash((int) INTS.get(bytes, i)))
                    && walk(bytes, Math.max(from, i - (SHORT_STRIDE - 1)), i, to)) {
                return true;
            }
        }
        return false;
    }

    /** Literals of 3 or 4 bytes: a probe at every position. */
    private boolean tiny(byte[] bytes, int from, int to) {
        final long[] tiny = tinyFilter;
        int i = from;
        for (; i + Integer.BYTES <= to; i++) {
            if (maybe(tiny, hash((int) INTS.get(bytes, i) & TINY_MASK)) && trie.startsAt(bytes, i, to)) {
                return true;
            }
        }
        return walk(bytes, i, to - TINY_WINDOW, to);
    }

    /** Whether a literal starts anywhere in [first, last] and ends before {@code to}. */
    private boolean walk(byte[] bytes, int first, int last, int to) {
        for (int start = first; start <= last && start < to; start++) {
            if (trie.startsAt(bytes, start, to)) {
                return true;
            }
        }
        return false;
    }
}
