package io.provisioner.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Splits a character stream into lines in constant memory: a line longer than {@link #MAX_LINE} characters is
 * cut (the rest is skipped), so one 2 GB line of binary noise cannot exhaust the heap. "\n", "\r\n" and a lone
 * "\r" (progress bars of git, pip, curl) all end a line. Built on an InputStream it splits bytes itself and decodes
 * each line on its own (UTF-8 with replacement; the line ends found by {@link LineEnds}), which is
 * several times faster than a Reader on large logs and never fails on bytes that are not UTF-8.
 */
public final class BoundedLineReader {
    public static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final InputStream bytesIn;
    private final char[] buf;
    private final byte[] bbuf;
    private byte[] carry = new byte[256];
    private int carryLen;
    private int pos;
    private int len;
    private boolean eof;
    private boolean skipLf;
    private final StringBuilder line = new StringBuilder(256);

    public BoundedLineReader(Reader in) {
        this.in = in;
        this.bytesIn = null;
        this.buf = new char[64 * 1024];
        this.bbuf = null;
    }

    public BoundedLineReader(InputStream in) {
        this.in = null;
        this.bytesIn = in;
        this.buf = null;
        this.bbuf = new byte[256 * 1024];
    }

    /** The next line without its terminator, or null at end of input. */
    public String readLine() throws IOException {
        return bytesIn != null ? readBytesLine() : readCharsLine();
    }

    private String readBytesLine() throws IOException {
        carryLen = 0;
        boolean any = false;
        while (true) {
            if (pos >= len) {
                if (eof || !fillBytes()) {
                    return any ? decode(carry, 0, carryLen) : null;
                }
            }
            final byte[] bytes = bbuf;
            if (skipLf) {
                skipLf = false;
                if (bytes[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int lineEnd = LineEnds.next(bytes, start, len);
            if (lineEnd >= 0) {
                pos = lineEnd + 1;
                skipLf = bytes[lineEnd] == '\r';
                if (!any) {
                    return decode(bytes, start, Math.min(lineEnd - start, MAX_LINE));
                }
                appendBytes(bytes, start, lineEnd);
                return decode(carry, 0, carryLen);
            }
            appendBytes(bytes, start, len);
            pos = len;
            any = true;
        }
    }

    /** UTF-8 with replacement; an ASCII line takes the JDK's no-decoder fast path. */
    private static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    private void appendBytes(byte[] bytes, int from, int to) {
        int count = Math.min(to - from, MAX_LINE - carryLen);
        if (count <= 0) {
            return;
        }
        if (carryLen + count > carry.length) {
            carry = java.util.Arrays.copyOf(carry, Math.min(MAX_LINE, Math.max(carry.length * 2, carryLen + count)));
        }
        System.arraycopy(bytes, from, carry, carryLen, count);
        carryLen += count;
    }

    private boolean fillBytes() throws IOException {
        int read = bytesIn.read(bbuf, 0, bbuf.length);
        if (read <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = read;
        return true;
    }

    private String readCharsLine() throws IOException {
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
                char ch = buf[pos];
                if (ch == '\n' || ch == '\r') {
                    append(start, pos);
                    pos++;
                    skipLf = ch == '\r';
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
        int read = in.read(buf, 0, buf.length);
        if (read <= 0) {
            eof = read < 0;
            if (read == 0) { // a Reader must block; treat 0 as end to stay bounded
                eof = true;
            }
            return false;
        }
        pos = 0;
        len = read;
        return true;
    }
}
