package io.provisioner.devstack;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines in constant memory: a line longer than {@link #MAX_LINE} characters is
 * cut (the rest is skipped), so one 2 GB line of binary noise cannot exhaust the heap. "\n", "\r\n" and a lone
 * "\r" (progress bars of git, pip, curl) all end a line.
 */
public final class BoundedLineReader {
    public static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private boolean eof;
    private boolean skipLf;
    private final StringBuilder line = new StringBuilder(256);

    public BoundedLineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at end of input. */
    public String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= len) {
                if (eof || !fill()) {
                    return any ? line.toString() : null;
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
            while (pos < len) {
                char c = buf[pos];
                if (c == '\n' || c == '\r') {
                    append(start, pos);
                    pos++;
                    skipLf = c == '\r';
                    return line.toString();
                }
                pos++;
            }
            append(start, pos);
            any = true;
        }
    }

    private void append(int from, int to) {
        int room = MAX_LINE - line.length();
        if (room > 0) {
            line.append(buf, from, Math.min(to - from, room));
        }
    }

    private boolean fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r <= 0) {
            eof = r < 0;
            if (r == 0) { // a Reader must block; treat 0 as end to stay bounded
                eof = true;
            }
            return false;
        }
        pos = 0;
        len = r;
        return true;
    }
}
