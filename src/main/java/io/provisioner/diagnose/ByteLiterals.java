package io.provisioner.diagnose;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Answers one question per line of raw bytes: does it contain any of these ASCII literals? Filters first, then only
 * the literals whose window a filter matched are compared where they would start. The filters are 64 Kbit tables of
 * hashed byte windows ("q-grams"), all probed at every 4th position, so most positions are never looked at:
 * <ul>
 * <li>literals of at least 11 bytes: 4 consecutive 8-byte windows in one table (one of the probes lands on one of
 * them in any occurrence);</li>
 * <li>literals of 5 to 10 bytes: 4 consecutive 3-byte windows in the other, read from the same 8-byte load (its
 * first 3 bytes); a 5-byte literal has only 3, so its windows are at -1 to 2, the one at -1 as 256 entries (any
 * byte, then the literal's first two);</li>
 * <li>which 4: from the offset given per literal (chosen at build time where logs rarely have them,
 * {@link RareWindows}), else its first;</li>
 * <li>literals of 3 or 4 bytes (none among the built-in rules): their first 3 bytes, probed at every position;</li>
 * <li>shorter ones: the trie from every position.</li>
 * </ul>
 * Two probes per 4 bytes, one 8-byte load: the 5-to-10-byte literals used to take 4-byte windows at every 2nd
 * position (three probes per 4 bytes); the 3-byte windows say "maybe" more often (1.70 M against 1.26 M bucket
 * searches on 100 MB of the benchmark's log), which costs less than the probes saved (docs/performance.md). Text
 * holds the windows of literals often ("configure_", "Could not " of "Could not get lock"): about 1.3 "maybe"s a
 * line in the benchmark's log. So each table lists the (literal, window offset) pairs per hash, and a "maybe" costs one
 * comparison per literal there (its last 8 bytes first), not a trie walk from every position around it; the probe
 * loop itself holds no call. With only the two tables ({@link #probesOnly()}), a caller may run the probes itself
 * over bytes holding many lines ({@link ChunkLines}): a window there may span a line end, but no literal holds one,
 * so a literal found ({@link #matchAt}) lies in one line. Allocates nothing.
 */
final class ByteLiterals {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HASH_BITS = 16;
    /**
     * The shifts that take a product's top HASH_BITS; with the multipliers and the mask below, what
     * {@link ChunkLines}'s probe loop needs to hash as {@link #longHash} and {@link #shortHash} do.
     */
    static final int LONG_HASH_SHIFT = Long.SIZE - HASH_BITS;
    static final int SHORT_HASH_SHIFT = Integer.SIZE - HASH_BITS;
    /** Multiplicative hashing (Fibonacci): the windows' bytes spread into the product's top bits. */
    static final long LONG_HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    static final int SHORT_HASH_MULTIPLIER = 0x9E3779B1;
    /** Long literals: window and stride. */
    private static final int LONG_WINDOW = 8;
    private static final int LONG_STRIDE = 4;
    /** Short literals: window (the first bytes of the probe's 8-byte load), probed at the same stride. */
    private static final int SHORT_WINDOW = 3;
    static final int SHORT_MASK = 0xFFFFFF;
    private static final int TINY_WINDOW = 3;
    private static final int TINY_MASK = 0xFFFFFF;

    /**
     * Walked only for literals of fewer than 5 bytes (none among the built-in rules), so built only when there is
     * one: a trie of the rule book's literals is a few thousand rows, and building it was a tenth of diagnose's
     * start. Null otherwise.
     */
    private final LiteralTrie trie;
    private final byte[][] bytesOf;
    /** Per literal of 8 bytes or more, its last 8 bytes as a load from the text gives them. */
    private final long[] lastWord;
    /** Bits of the 8-byte windows' hashes ({@link #longHash}); read by {@link ChunkLines}'s own probe loop. */
    final long[] longFilter = newFilter();
    /** Bits of the 3-byte windows' hashes ({@link #shortHash}). */
    final long[] shortFilter = newFilter();
    private final long[] tinyFilter = newFilter();
    /** Per filter, hash to the (literal, window offset) pairs there: see {@link Buckets}. */
    private final Buckets longBuckets;
    private final Buckets shortBuckets;
    private final boolean anyTiny;
    /** Some literal is shorter than a tiny window: the trie is walked from every position. */
    private final boolean walkEverywhere;
    /** Some literal holds a line end ('\n' or '\r'; none does among the built-in rules): it may span lines. */
    private final boolean lineEndInside;

    ByteLiterals(List<String> literals) {
        this(literals, Map.of());
    }

    /**
     * @param firstWindows per literal, the offset of the first of the 4 consecutive windows its filter holds
     *                     ({@link RareWindows} chooses them); a literal not there: its first windows
     */
    ByteLiterals(List<String> literals, Map<String, Integer> firstWindows) {
        if (literals.isEmpty() || literals.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("ByteLiterals needs literals, none empty");
        }
        this.bytesOf = new byte[literals.size()][];
        this.lastWord = new long[literals.size()];
        Buckets.Builder longs = new Buckets.Builder();
        Buckets.Builder shorts = new Buckets.Builder();
        boolean tiny = false;
        boolean shorter = false;
        boolean lineEnd = false;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            LiteralTrie.requireAscii(literal); // checked here too: the trie is not always built
            bytesOf[id] = literal.getBytes(StandardCharsets.US_ASCII);
            lineEnd |= literal.indexOf('\n') >= 0 || literal.indexOf('\r') >= 0;
            int length = literal.length();
            if (length >= LONG_WINDOW) {
                lastWord[id] = window(literal, length - LONG_WINDOW, LONG_WINDOW);
            }
            if (length >= SHORT_WINDOW + LONG_STRIDE - 2) {
                Integer chosen = firstWindows.get(literal);
                int first = chosen == null ? firstWindowMin(length) : chosen;
                if (first < firstWindowMin(length) || first > firstWindowMax(length)) {
                    throw new IllegalArgumentException("literal '" + literal + "': no 4 windows from offset " + first);
                }
                long[] filter = longFiltered(length) ? longFilter : shortFilter;
                Buckets.Builder buckets = longFiltered(length) ? longs : shorts;
                for (int[] window : windows(literal, first)) {
                    set(filter, window[0]);
                    buckets.add(window[0], id, window[1], literal);
                }
            } else if (length >= TINY_WINDOW) {
                tiny = true;
                set(tinyFilter, hash((int) window(literal, 0, TINY_WINDOW)));
            } else {
                shorter = true;
            }
        }
        this.longBuckets = longs.build();
        this.shortBuckets = shorts.build();
        this.anyTiny = tiny;
        this.walkEverywhere = shorter;
        this.lineEndInside = lineEnd;
        this.trie = tiny || shorter ? new LiteralTrie(literals) : null;
    }

    /**
     * The (literal, window offset) pairs of a filter, grouped by the filter word their window's hash falls in: the
     * pairs of word w are {@code [start[w], start[w + 1])}, each with the literal's bytes from its window on (up to 8)
     * as an 8-byte load there gives them under its mask: text holding them has the window, so its hash too. (Grouped
     * by word, not by hash, so that building it is a pass over 1024 words, not 65536 hashes: it runs on every start
     * of the CLI.)
     */
    private record Buckets(int[] start, int[] literal, int[] offset, long[] mask, long[] value) {
        static final class Builder {
            private final List<int[]> pairs = new ArrayList<>();
            private final List<long[]> loads = new ArrayList<>();

            /** @param text the literal: the 8-byte load at its window holds, under mask, value */
            void add(int hash, int literal, int offset, String text) {
                pairs.add(new int[]{hash, literal, offset});
                int skip = Math.max(0, -offset); // the window at -1: its first byte is any
                int length = Math.min(Long.BYTES - skip, text.length() - offset - skip);
                long mask = (length == Long.BYTES ? -1L : (1L << (8 * length)) - 1) << (8 * skip);
                loads.add(new long[]{mask, window(text, offset + skip, length) << (8 * skip)});
            }

            Buckets build() {
                int words = (1 << HASH_BITS) / Long.SIZE;
                int[] start = new int[words + 1];
                for (int[] pair : pairs) {
                    start[(pair[0] >>> 6) + 1]++;
                }
                for (int word = 0; word < words; word++) {
                    start[word + 1] += start[word];
                }
                int[] next = Arrays.copyOf(start, start.length);
                int[] literal = new int[pairs.size()];
                int[] offset = new int[pairs.size()];
                long[] mask = new long[pairs.size()];
                long[] value = new long[pairs.size()];
                for (int p = 0; p < pairs.size(); p++) {
                    int[] pair = pairs.get(p);
                    int slot = next[pair[0] >>> 6]++;
                    literal[slot] = pair[1];
                    offset[slot] = pair[2];
                    mask[slot] = loads.get(p)[0];
                    value[slot] = loads.get(p)[1];
                }
                return new Buckets(start, literal, offset, mask, value);
            }
        }
    }

    /** Whether a literal of this length is in the long filter (else, if 5 bytes or more, in the short one). */
    static boolean longFiltered(int length) {
        return length >= LONG_WINDOW + LONG_STRIDE - 1;
    }

    /** The lowest offset the first of a literal's 4 windows may have: -1 for 5 bytes (see the class comment). */
    static int firstWindowMin(int length) {
        return length == SHORT_WINDOW + LONG_STRIDE - 2 ? -1 : 0;
    }

    /** The highest: its 4 windows end within it (for 5 bytes, -1 too). */
    static int firstWindowMax(int length) {
        int window = longFiltered(length) ? LONG_WINDOW : SHORT_WINDOW;
        return Math.max(firstWindowMin(length), length - window - (LONG_STRIDE - 1));
    }

    /**
     * The (hash, offset) pairs a literal of 5 bytes or more puts in its filter with its windows from {@code first}
     * on: 4 windows, a window at -1 as 256 (any byte, then the literal's first two).
     */
    static List<int[]> windows(String literal, int first) {
        boolean longs = longFiltered(literal.length());
        List<int[]> pairs = new ArrayList<>();
        for (int offset = first; offset < first + LONG_STRIDE; offset++) {
            if (longs) {
                pairs.add(new int[]{hash(window(literal, offset, LONG_WINDOW)), offset});
            } else if (offset < 0) {
                long firstTwo = window(literal, 0, SHORT_WINDOW - 1);
                for (int before = 0; before < 256; before++) {
                    pairs.add(new int[]{shortHash(before | firstTwo << 8), offset});
                }
            } else {
                pairs.add(new int[]{shortHash(window(literal, offset, SHORT_WINDOW)), offset});
            }
        }
        return pairs;
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
        return (int) ((word * LONG_HASH_MULTIPLIER) >>> LONG_HASH_SHIFT);
    }

    /** The long filter's hash of the 8 bytes loaded at a probe position. */
    static int longHash(long word) {
        return hash(word);
    }

    /** The short filter's hash of the 8 bytes loaded at a probe position: of their first 3. */
    static int shortHash(long word) {
        return hash((int) word & SHORT_MASK);
    }

    private static int hash(int word) {
        return (word * SHORT_HASH_MULTIPLIER) >>> SHORT_HASH_SHIFT;
    }

    private static boolean maybe(long[] filter, int bit) {
        return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    /**
     * Only the two strided filters: no literal is shorter than 5 bytes (nor holds a line end), so a caller may run
     * the probes itself ({@link #longFilter}, {@link #shortFilter} at every 4th position) over many lines and ask
     * {@link #matchAt} where one says maybe.
     */
    boolean probesOnly() {
        return !anyTiny && !walkEverywhere && !lineEndInside;
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

    /**
     * Where a literal whose 8-byte or 3-byte window is the probe at {@code at} (bytes[at, at + 8) within the
     * array) starts, lying whole in bytes[from, to); -1 when none.
     */
    int matchAt(byte[] bytes, int at, int from, int to) {
        long word = (long) LONGS.get(bytes, at);
        int atI = hash(word);
        int shortAtI = shortHash(word);
        int start = maybe(longFilter, atI) ? inBucket(longBuckets, atI, word, bytes, at, from, to) : -1;
        if (start < 0 && maybe(shortFilter, shortAtI)) {
            start = inBucket(shortBuckets, shortAtI, word, bytes, at, from, to);
        }
        return start;
    }

    /** Long and short literals: an 8-byte load at every 4th position, probed in both filters. */
    private boolean strided(byte[] bytes, int from, int to) {
        int i = from;
        while (true) {
            i = candidate(bytes, i, to);
            if (i < 0) {
                break;
            }
            if (matchAt(bytes, i, from, to) >= 0) {
                return true;
            }
            i += LONG_STRIDE;
        }
        // the last bytes, too few for an 8-byte load (and for any long literal): the 3-byte windows there
        i = from + Math.max(0, (to - from - LONG_WINDOW + LONG_STRIDE) / LONG_STRIDE * LONG_STRIDE);
        for (; i + SHORT_WINDOW <= to; i += LONG_STRIDE) {
            long word = 0;
            for (int b = Math.min(Long.BYTES, to - i) - 1; b >= 0; b--) {
                word = word << 8 | (bytes[i + b] & 0xff);
            }
            int bit = shortHash(word);
            if (maybe(shortFilter, bit) && inBucket(shortBuckets, bit, word, bytes, i, from, to) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first probe position from {@code i} on (in steps of 4) where a filter says "maybe", or -1 when none is
     * before the last 8-byte window. The hot loop: kept free of calls, so the JIT keeps its values in registers.
     */
    private int candidate(byte[] bytes, int i, int to) {
        final long[] longs = longFilter;
        final long[] shorts = shortFilter;
        for (; i + LONG_WINDOW <= to; i += LONG_STRIDE) {
            long word = (long) LONGS.get(bytes, i);
            int atI = (int) ((word * LONG_HASH_MULTIPLIER) >>> LONG_HASH_SHIFT);
            int shortAtI = ((int) word & SHORT_MASK) * SHORT_HASH_MULTIPLIER >>> SHORT_HASH_SHIFT;
            if (((longs[atI >>> 6] & (1L << atI)) | (shorts[shortAtI >>> 6] & (1L << shortAtI))) != 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where a literal of the bucket, its window at {@code at} (where {@code word} was loaded: the bytes from there
     * on, those past {@code to} zero), lies whole in bytes[from, to): its start, or -1.
     */
    private int inBucket(Buckets buckets, int hash, long word, byte[] bytes, int at, int from, int to) {
        for (int pair = buckets.start()[hash >>> 6]; pair < buckets.start()[(hash >>> 6) + 1]; pair++) {
            // the literal's bytes from its window on (up to 8) before anything else: a hash collision, or a common
            // word that goes on differently ("sta" of /opt/stack for "devstack@"), fails here on the load at hand
            if ((word & buckets.mask()[pair]) != buckets.value()[pair]) {
                continue;
            }
            int id = buckets.literal()[pair];
            byte[] literal = bytesOf[id];
            int start = at - buckets.offset()[pair];
            int end = start + literal.length;
            // the window matched, and most "maybe"s are real words that go on differently ("Could not " and six
            // literals starting so): the literal's last 8 bytes first, one load, before comparing it all
            if (start >= from && end <= to
                    && (literal.length < LONG_WINDOW || (long) LONGS.get(bytes, end - LONG_WINDOW) == lastWord[id])
                    && Arrays.equals(bytes, start, end, literal, 0, literal.length)) {
                return start;
            }
        }
        return -1;
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
