package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import io.provisioner.devstack.StackLogReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Feeds a whole log to a {@link DiagnosisSession} reading only the lines that can matter: it splits bytes itself
 * (the same line ends as {@link BoundedLineReader}: \n, \r\n, a lone \r; lines cut at MAX_LINE bytes), asks one
 * Aho-Corasick pass per line whether the line holds a literal of any rule, fact or DevStack marker, and decodes
 * only those. Every line of the head (the first 64 KB, for the binary check), of the last {@link #WINDOW} lines before
 * the failure (the failed step, the failing chain, the output tail) and of blocks ({@code [Call Trace]}, timing table)
 * is read in full, in order; the others are only counted. Memory: the read buffer plus the window.
 */
final class LogScanner {
    /** Lines before the end or "Error on exit" that are always read in full. */
    static final int WINDOW = 512;
    /** Bytes at the start read in full. */
    static final int HEAD = 64 * 1024;
    /** Lines read in full after a block start. */
    static final int BLOCK = 64;
    /** xtrace lines kept (copied) for the failed step and failing chain when the window holds only output. */
    static final int TRACE = 64;
    private static final int CHUNK = 4 * 1024 * 1024;
    private static final byte[] ERROR_ON_EXIT = "Error on exit".getBytes(StandardCharsets.US_ASCII);

    private final DiagnosisSession session;
    private final ByteLiterals literals;

    private byte[] buf = new byte[2 * CHUNK];
    private int len;
    private boolean eof;

    // the window: the last lines, not yet fed; offsets into buf (or an own copy for cut long lines)
    private final int[] wStart = new int[WINDOW];
    private final int[] wLen = new int[WINDOW];
    private final boolean[] wRelevant = new boolean[WINDOW];
    private final long[] wLine = new long[WINDOW];
    private final byte[][] wOwn = new byte[WINDOW][];
    private int wHead;
    private int wCount;

    /** Lines scanned so far; the number of the line being handled. */
    private long scanned;
    /** Lines the session has accounted for (fed or skipped). */
    private long sessionLine;
    // the latest xtrace lines, copied: the failed step may lie further back than the window (long pip output)
    private final byte[][] traceText = new byte[TRACE][];
    private final long[] traceLine = new long[TRACE];
    private int traceNext;
    private long headBytes;
    private int blockLines;
    private boolean full;

    LogScanner(DiagnosisSession session, ByteLiterals literals) {
        this.session = session;
        this.literals = literals;
    }

    void scan(InputStream in) throws IOException {
        int pos = 0;
        boolean skipLf = false;
        while (true) {
            if (pos >= len) {
                int keep = compact(pos);
                pos = keep;
                if (!fill(in)) {
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int end = lineEnd(start);
            if (end < 0) {
                // the line runs past the buffer: make room, read on; a line longer than MAX_LINE is cut
                if (len - start >= BoundedLineReader.MAX_LINE) {
                    byte[] own = java.util.Arrays.copyOfRange(buf, start, start + BoundedLineReader.MAX_LINE);
                    int stop = skipToLineEnd(in, start + BoundedLineReader.MAX_LINE);
                    line(own, 0, own.length, true, literals.anyIn(own, 0, own.length));
                    if (stop < 0) {
                        break;
                    }
                    pos = stop + 1;
                    skipLf = buf[stop] == '\r';
                    continue;
                }
                int keep = compact(start);
                pos = keep;
                if (!fill(in)) {
                    line(buf, pos, len - pos, false,
                            literals.anyIn(buf, pos, Math.min(len, pos + BoundedLineReader.MAX_LINE)));
                    pos = len;
                    break;
                }
                continue;
            }
            line(buf, start, end - start, false, lineRelevant);
            pos = end + 1;
            skipLf = buf[end] == '\r';
        }
        flushWindow();
        if (scanned > sessionLine) {
            session.skipLines(scanned - sessionLine);
            sessionLine = scanned;
        }
    }

    /** Whether the line found by the last {@link #lineEnd} holds a literal (within its first MAX_LINE bytes). */
    private boolean lineRelevant;

    /**
     * Finds the end of the line starting at {@code from} (index of its \n or \r, or -1 when the buffer ends first)
     * and, in the same pass, whether it holds a literal: one table load per byte until a literal is seen, then only
     * the search for the line end.
     */
    private int lineEnd(int from) {
        final byte[] b = buf;
        final int[] t = literals.next;
        final int n = len;
        final int cutAt = from + BoundedLineReader.MAX_LINE;
        int st = 0;
        int i = from;
        lineRelevant = false;
        while (i < n) {
            int c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
            if (c < 0) {
                st = 0;
            } else {
                st = t[(st << 7) | c];
                if (st < 0) {
                    lineRelevant = i < cutAt;
                    i++;
                    break;
                }
            }
            i++;
        }
        while (i < n) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Skips the rest of an over-long line; returns the index of its terminator in buf, or -1 at end of input. */
    private int skipToLineEnd(InputStream in, int from) throws IOException {
        int i = from;
        while (true) {
            int end = -1;
            for (int k = i; k < len; k++) {
                if (buf[k] == '\n' || buf[k] == '\r') {
                    end = k;
                    break;
                }
            }
            if (end >= 0) {
                return end;
            }
            int keep = compact(len);
            i = keep;
            if (!fill(in)) {
                return -1;
            }
        }
    }

    private void line(byte[] b, int off, int n, boolean own, boolean relevant) {
        int cut = Math.min(n, BoundedLineReader.MAX_LINE);
        long number = ++scanned;
        if (full) {
            feed(number, b, off, cut);
            return;
        }
        if (headBytes < HEAD) {
            headBytes += n + 1;
            full = contains(b, off, cut, ERROR_ON_EXIT);
            feed(number, b, off, cut);
            return;
        }
        if (relevant && contains(b, off, cut, ERROR_ON_EXIT)) {
            // the exit trap: the lines before it are the failure; read them and everything after in full
            flushWindow();
            full = true;
            feed(number, b, off, cut);
            return;
        }
        if (wCount == WINDOW) {
            popOldest(false);
        }
        int slot = (wHead + wCount) % WINDOW;
        if (own) {
            wOwn[slot] = b;
            wStart[slot] = off;
        } else {
            wOwn[slot] = null;
            wStart[slot] = off;
        }
        wLen[slot] = cut;
        wLine[slot] = number;
        wRelevant[slot] = relevant;
        wCount++;
    }

    /** Takes the oldest window line out: fed when it matters (or {@code all}), else only counted. */
    private void popOldest(boolean all) {
        int slot = wHead;
        byte[] src = wOwn[slot] != null ? wOwn[slot] : buf;
        if (all || wRelevant[slot] || blockLines > 0) {
            if (blockLines > 0) {
                blockLines--;
            }
            feed(wLine[slot], src, wStart[slot], wLen[slot]);
        } else if (isTrace(src, wStart[slot], wLen[slot])) {
            // skipped, but it may be the failed step when only output follows: keep a copy
            traceText[traceNext] = java.util.Arrays.copyOfRange(src, wStart[slot], wStart[slot] + wLen[slot]);
            traceLine[traceNext] = wLine[slot];
            traceNext = (traceNext + 1) % TRACE;
        }
        wOwn[slot] = null;
        wHead = (wHead + 1) % WINDOW;
        wCount--;
    }

    /**
     * Reads the end in full: first the kept xtrace lines that were skipped (the failed step when long output
     * follows it, the failing chain), as late frames, then every window line.
     */
    private void flushWindow() {
        for (int k = 0; k < TRACE; k++) {
            int slot = (traceNext + k) % TRACE;
            if (traceText[slot] != null) {
                session.lateFrame(traceLine[slot], decode(traceText[slot], 0, traceText[slot].length));
                traceText[slot] = null;
            }
        }
        while (wCount > 0) {
            popOldest(true);
        }
    }

    /** An xtrace line: '+' first, or after an outfilter/Zuul timestamp prefix ("... | +"). */
    private static boolean isTrace(byte[] b, int off, int n) {
        if (n == 0) {
            return false;
        }
        if (b[off] == '+') {
            return true;
        }
        if (b[off] < '0' || b[off] > '9') {
            return false;
        }
        int limit = Math.min(n, 64) - 2;
        for (int i = 0; i < limit; i++) {
            if (b[off + i] == '|' && b[off + i + 1] == ' ' && b[off + i + 2] == '+') {
                return true;
            }
        }
        return false;
    }

    private void feed(long number, byte[] b, int off, int n) {
        if (number - 1 > sessionLine) {
            session.skipLines(number - 1 - sessionLine);
        }
        sessionLine = number;
        String text = decode(b, off, n);
        session.accept(text);
        for (String block : StackLogReader.BLOCK_STARTS) {
            if (text.contains(block)) {
                blockLines = BLOCK;
            }
        }
    }

    private static String decode(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (b[i] < 0) {
                return new String(b, off, n, StandardCharsets.UTF_8);
            }
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] b, int off, int n, byte[] needle) {
        outer:
        for (int i = off; i <= off + n - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Moves the bytes still needed (the window's lines and the line being read, from {@code from}) to the front of
     * the buffer; returns where {@code from} is now.
     */
    private int compact(int from) {
        int keepFrom = from;
        for (int k = 0; k < wCount; k++) {
            int slot = (wHead + k) % WINDOW;
            if (wOwn[slot] == null) {
                keepFrom = Math.min(keepFrom, wStart[slot]);
            }
        }
        int shift = keepFrom;
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, len - shift);
            len -= shift;
            for (int k = 0; k < wCount; k++) {
                int slot = (wHead + k) % WINDOW;
                if (wOwn[slot] == null) {
                    wStart[slot] -= shift;
                }
            }
        }
        if (buf.length - len < CHUNK) {
            buf = java.util.Arrays.copyOf(buf, len + 2 * CHUNK);
        }
        return from - shift;
    }

    private boolean fill(InputStream in) throws IOException {
        if (eof) {
            return false;
        }
        int r = in.read(buf, len, buf.length - len);
        if (r <= 0) {
            eof = true;
            return false;
        }
        len += r;
        return true;
    }
}
