package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import io.provisioner.devstack.LineEnds;
import io.provisioner.devstack.LogLine;
import io.provisioner.devstack.StackLogReader;

import java.nio.charset.StandardCharsets;

/**
 * The lines of one {@link LogChunks.Chunk}, split and classified without decoding: where each starts and ends
 * (terminator excluded; "\n", "\r\n" and a lone "\r" end a line), whether its first MAX_LINE bytes hold a relevance
 * literal (and if so, "Error on exit"), and whether it is an xtrace line. Independent of other chunks, so chunks are split in parallel.
 */
final class ChunkLines {
    static final byte[] ERROR_ON_EXIT = "Error on exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_ERR_TRAP = "+ failed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_EXIT_TRAP = "+ exit_trap".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_CLEAN_TRAP = "+ clean".getBytes(StandardCharsets.US_ASCII);
    final byte[] data;
    int count;
    int[] starts;
    int[] ends;
    private long[] relevant;
    private long[] trace;
    private long[] exitTrap;

    private ChunkLines(byte[] data, int capacity) {
        this.data = data;
        this.starts = new int[capacity];
        this.ends = new int[capacity];
        this.relevant = new long[(capacity + 63) >>> 6];
        this.trace = new long[(capacity + 63) >>> 6];
        this.exitTrap = new long[(capacity + 63) >>> 6];
    }

    /**
     * @param literals      a line is relevant when it holds one of these
     * @param traceLiterals an xtrace line (as the session sees it: after {@link LogLine#normalize}) is relevant only
     *                      when it holds one of these
     */
    static ChunkLines split(LogChunks.Chunk chunk, ByteLiterals literals, ByteLiterals traceLiterals) {
        byte[] data = chunk.data();
        int length = chunk.length();
        ChunkLines lines = new ChunkLines(data, Math.max(64, length / 64));
        int pos = 0;
        while (pos < length) {
            int end = LineEnds.next(data, pos, length);
            if (end < 0) {
                end = length;
            }
            int cut = pos + Math.min(end - pos, BoundedLineReader.MAX_LINE);
            boolean trace = isTrace(data, pos, cut - pos);
            boolean relevant = literals.anyIn(data, pos, cut);
            if (relevant && trace && !traceLiterals.anyIn(data, pos, cut) && sessionSeesTrace(data, pos, cut)) {
                relevant = false;
            }
            lines.add(pos, end, relevant,
                    relevant && (contains(data, pos, cut, ERROR_ON_EXIT) || legacyErrTrap(data, pos, cut)), trace);
            pos = end + 1;
            if (end < length && data[end] == '\r' && pos < length && data[pos] == '\n') {
                pos++;
            }
        }
        return lines;
    }

    private void add(int start, int end, boolean isRelevant, boolean isExitTrap, boolean isTrace) {
        if (count == starts.length) {
            int capacity = count * 2;
            starts = java.util.Arrays.copyOf(starts, capacity);
            ends = java.util.Arrays.copyOf(ends, capacity);
            relevant = java.util.Arrays.copyOf(relevant, (capacity + 63) >>> 6);
            trace = java.util.Arrays.copyOf(trace, (capacity + 63) >>> 6);
            exitTrap = java.util.Arrays.copyOf(exitTrap, (capacity + 63) >>> 6);
        }
        if (isRelevant) {
            relevant[count >>> 6] |= 1L << count;
        }
        if (isTrace) {
            trace[count >>> 6] |= 1L << count;
        }
        if (isExitTrap) {
            exitTrap[count >>> 6] |= 1L << count;
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

    boolean trace(int line) {
        return (trace[line >>> 6] & (1L << line)) != 0;
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
