package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import io.provisioner.devstack.LineEnds;
import io.provisioner.devstack.LogLine;
import io.provisioner.devstack.StackLogReader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The lines of one {@link LogChunks.Chunk}, split and classified without decoding: where each starts and ends
 * (terminator excluded; "\n", "\r\n" and a lone "\r" end a line), whether its first MAX_LINE bytes hold a relevance
 * literal (and if so, "Error on exit"); whether a line is xtrace is asked of it ({@link #trace}). Independent of
 * other chunks, so chunks are split in parallel.
 */
final class ChunkLines {
    static final byte[] ERROR_ON_EXIT = "Error on exit".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR = 0x0D0D0D0D0D0D0D0DL;
    private static final byte[] LEGACY_ERR_TRAP = "+ failed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_EXIT_TRAP = "+ exit_trap".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_CLEAN_TRAP = "+ clean".getBytes(StandardCharsets.US_ASCII);
    /** The chunk's bytes (a reused instance takes the next chunk's: {@link #split}'s spare). */
    byte[] data;
    int count;
    int[] starts;
    int[] ends;
    private long[] relevant;
    private long[] exitTrap;

    private ChunkLines(byte[] data, int capacity) {
        this.data = data;
        this.starts = new int[capacity];
        this.ends = new int[capacity];
        this.relevant = new long[(capacity + 63) >>> 6];
        this.exitTrap = new long[(capacity + 63) >>> 6];
    }

    /**
     * @param literals      a line is relevant when it holds one of these
     * @param traceLiterals an xtrace line (as the session sees it: after {@link LogLine#normalize}) is relevant only
     *                      when it holds one of these
     */
    static ChunkLines split(LogChunks.Chunk chunk, ByteLiterals literals, ByteLiterals traceLiterals) {
        return split(chunk, literals, traceLiterals, null);
    }

    /**
     * @param spare lines of an earlier chunk that nobody reads any more, whose arrays this split reuses (null: new
     *              ones): the scanner hands each chunk's back once fed, so the workers allocate almost nothing (about
     *              0.5 MB of line arrays per 4 MB chunk otherwise, most of a scan's garbage)
     */
    static ChunkLines split(LogChunks.Chunk chunk, ByteLiterals literals, ByteLiterals traceLiterals,
                            ChunkLines spare) {
        ChunkLines lines;
        if (spare == null) {
            lines = new ChunkLines(chunk.data(), Math.max(64, chunk.length() / 64));
        } else {
            lines = spare;
            lines.reuse(chunk.data());
        }
        int pos = literals.probesOnly() ? lines.probeAndSplit(chunk.length(), literals) : 0;
        lines.splitLineByLine(pos, chunk.length(), literals);
        lines.refine(literals, traceLiterals);
        return lines;
    }

    /**
     * The chunk's lines up to its last 12 bytes, in one pass of 8 bytes a step: a word-wide test for line ends
     * and the filters' two probes at each of its two 4-byte positions ({@link ByteLiterals}). A literal found is
     * marked on the line it starts in (a literal holds no line end, so it lies in one); one longer than MAX_LINE is
     * checked again by {@link #refine}. Per line only its bounds (and a literal's mark) are stored: no search per
     * line for its end and no filter call per line (with its own loop setup and its last bytes probed apart), and
     * each 8 bytes are loaded for both questions. Returns where the open line starts.
     */
    private int probeAndSplit(int length, ByteLiterals literals) {
        final byte[] bytes = data;
        final long[] longs = literals.longFilter;
        final long[] shorts = literals.shortFilter;
        int pos = 0;
        boolean openRelevant = false;
        for (int i = 0; i + 12 <= length; i += 8) {
            long first = (long) LONGS.get(bytes, i);
            long second = (long) LONGS.get(bytes, i + 4);
            long lf = first ^ LF;
            long cr = first ^ CR;
            // the lowest zero byte of lf or cr sets its high bit (higher ones may be false alarms: checked below)
            long lineEnds = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            // ByteLiterals.longHash and shortHash, written out: the loop holds no call
            int long1 = (int) ((first * ByteLiterals.LONG_HASH_MULTIPLIER) >>> ByteLiterals.LONG_HASH_SHIFT);
            int short1 = ((int) first & ByteLiterals.SHORT_MASK) * ByteLiterals.SHORT_HASH_MULTIPLIER
                    >>> ByteLiterals.SHORT_HASH_SHIFT;
            int long2 = (int) ((second * ByteLiterals.LONG_HASH_MULTIPLIER) >>> ByteLiterals.LONG_HASH_SHIFT);
            int short2 = ((int) second & ByteLiterals.SHORT_MASK) * ByteLiterals.SHORT_HASH_MULTIPLIER
                    >>> ByteLiterals.SHORT_HASH_SHIFT;
            long maybe1 = (longs[long1 >>> 6] & (1L << long1)) | (shorts[short1 >>> 6] & (1L << short1));
            long maybe2 = (longs[long2 >>> 6] & (1L << long2)) | (shorts[short2 >>> 6] & (1L << short2));
            if ((lineEnds | maybe1 | maybe2) == 0) {
                continue;
            }
            // line ends first: a literal found below may start in a line that ends in these 8 bytes
            if (lineEnds != 0) {
                for (int at = Math.max(i, pos); at < i + 8; at++) {
                    byte current = bytes[at];
                    if (current == '\n' || current == '\r') {
                        add(pos, at, openRelevant);
                        openRelevant = false;
                        pos = at + 1;
                        if (current == '\r' && pos < length && bytes[pos] == '\n') {
                            pos++;
                            at++;
                        }
                    }
                }
            }
            if (maybe1 != 0) {
                openRelevant |= found(literals.matchAt(bytes, i, 0, length), pos);
            }
            if (maybe2 != 0) {
                openRelevant |= found(literals.matchAt(bytes, i + 4, 0, length), pos);
            }
        }
        // the open line is split again line by line, literals and all: nothing to carry over
        return pos;
    }

    /**
     * A literal found at {@code start} (-1: none): true when it lies in the open line (from {@code pos}); else it
     * marks the line it lies in, one of the last lines added.
     */
    private boolean found(int start, int pos) {
        if (start >= pos) {
            return true;
        }
        if (start >= 0) {
            int line = count - 1;
            while (starts[line] > start) {
                line--;
            }
            relevant[line >>> 6] |= 1L << line;
        }
        return false;
    }

    /** The lines from {@code pos} on, one at a time: the end of a chunk, or every line when some literal is short. */
    private void splitLineByLine(int pos, int length, ByteLiterals literals) {
        while (pos < length) {
            int end = LineEnds.next(data, pos, length);
            if (end < 0) {
                end = length;
            }
            int cut = pos + Math.min(end - pos, BoundedLineReader.MAX_LINE);
            add(pos, end, literals.anyIn(data, pos, cut));
            pos = end + 1;
            if (end < length && data[end] == '\r' && pos < length && data[pos] == '\n') {
                pos++;
            }
        }
    }

    /**
     * The few lines marked relevant, looked at closely: only a literal in the first MAX_LINE bytes counts; an
     * xtrace line (as the session sees it) counts only with a trace literal; and whether it is the exit trap.
     */
    private void refine(ByteLiterals literals, ByteLiterals traceLiterals) {
        for (int word = 0; word < relevant.length; word++) {
            for (long bits = relevant[word]; bits != 0; bits &= bits - 1) {
                int line = (word << 6) + Long.numberOfTrailingZeros(bits);
                int start = starts[line];
                int cut = start + Math.min(ends[line] - start, BoundedLineReader.MAX_LINE);
                boolean isRelevant = cut == ends[line] || literals.anyIn(data, start, cut);
                if (isRelevant && trace(line) && !traceLiterals.anyIn(data, start, cut)
                        && sessionSeesTrace(data, start, cut)) {
                    isRelevant = false;
                }
                if (!isRelevant) {
                    relevant[word] &= ~(1L << line);
                } else if (contains(data, start, cut, ERROR_ON_EXIT) || legacyErrTrap(data, start, cut)) {
                    exitTrap[word] |= 1L << line;
                }
            }
        }
    }

    /** Empty again, for {@code data}: the marks cleared (starts and ends are written before they are read). */
    private void reuse(byte[] data) {
        this.data = data;
        count = 0;
        java.util.Arrays.fill(relevant, 0L);
        java.util.Arrays.fill(exitTrap, 0L);
    }

    private void add(int start, int end, boolean isRelevant) {
        if (count == starts.length) {
            int capacity = count * 2;
            starts = java.util.Arrays.copyOf(starts, capacity);
            ends = java.util.Arrays.copyOf(ends, capacity);
            relevant = java.util.Arrays.copyOf(relevant, (capacity + 63) >>> 6);
            exitTrap = java.util.Arrays.copyOf(exitTrap, (capacity + 63) >>> 6);
        }
        if (isRelevant) {
            relevant[count >>> 6] |= 1L << count;
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** Whether any line is relevant (an exit trap line is). */
    boolean anyRelevant() {
        for (long word : relevant) {
            if (word != 0) {
                return true;
            }
        }
        return false;
    }

    boolean relevant(int line) {
        return (relevant[line >>> 6] & (1L << line)) != 0;
    }

    /**
     * stack.sh's traps in plain xtrace: ERR's "failed" (before 2014-02) and EXIT's "exit_trap" / "clean" (before
     * "Error on exit", 2014-06). An EXIT trap is a failure only if its next line shows a non-zero status, which the
     * reader decides; reading in full from the trap line on gives it that line.
     */
    private static boolean legacyErrTrap(byte[] data, int pos, int cut) {
        if (contains(data, pos, cut, LEGACY_ERR_TRAP)) {
            return StackLogReader.isLegacyErrTrap(LogLine.normalize(new String(data, pos, cut - pos, StandardCharsets.UTF_8)));
        }
        return (contains(data, pos, cut, LEGACY_EXIT_TRAP) || contains(data, pos, cut, LEGACY_CLEAN_TRAP))
                && StackLogReader.isLegacyExitTrap(LogLine.normalize(new String(data, pos, cut - pos,
                StandardCharsets.UTF_8)));
    }

    /** Whether the line (its first MAX_LINE bytes) holds "Error on exit", DevStack's exit trap. */
    boolean exitTrap(int line) {
        return (exitTrap[line >>> 6] & (1L << line)) != 0;
    }

    /**
     * Whether the line is an xtrace line ({@link #isTrace}, on its first MAX_LINE bytes). Asked, not stored: the
     * scanner needs it for a few hundred lines of a chunk (the window's, the latest xtrace lines before it), and
     * deciding it for every line on the workers was about a tenth of their CPU on the benchmark log (a timestamped
     * line is searched for "| +" in its first 64 bytes).
     */
    boolean trace(int line) {
        return isTrace(data, starts[line], Math.min(ends[line] - starts[line], BoundedLineReader.MAX_LINE));
    }

    /**
     * Whether the session takes the line for xtrace (its normalized text starts with '+') and so tries only the
     * trace literals on it. Decodes the line: called only for the few lines a literal makes relevant.
     */
    private static boolean sessionSeesTrace(byte[] bytes, int from, int to) {
        String text = LogLine.normalize(new String(bytes, from, to - from, StandardCharsets.UTF_8));
        return !text.isEmpty() && text.charAt(0) == '+';
    }

    static boolean contains(byte[] bytes, int off, int end, byte[] needle) {
        outer:
        for (int i = off; i <= end - needle.length; i++) {
            for (int at = 0; at < needle.length; at++) {
                if (bytes[i + at] != needle[at]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * An xtrace line: '+' first, after an outfilter/Zuul timestamp prefix ("... | +"), or after the awk stamp of
     * stack.sh before 2015 ("2014-08-12 16:46:52 + cmd", see {@link LogLine#normalize}).
     */
    static boolean isTrace(byte[] bytes, int off, int length) {
        if (length == 0) {
            return false;
        }
        if (bytes[off] == '+') {
            return true;
        }
        if (bytes[off] < '0' || bytes[off] > '9') {
            return false;
        }
        if (length > 21 && bytes[off + 4] == '-' && bytes[off + 13] == ':' && bytes[off + 19] == ' '
                && bytes[off + 20] == '+') {
            return true;
        }
        int limit = Math.min(length, 64) - 2;
        for (int i = 0; i < limit; i++) {
            if (bytes[off + i] == '|' && bytes[off + i + 1] == ' ' && bytes[off + i + 2] == '+') {
                return true;
            }
        }
        return false;
    }
}
