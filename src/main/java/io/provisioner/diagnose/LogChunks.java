package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import io.provisioner.devstack.LineEnds;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into chunks of whole lines (about {@link #SIZE} bytes each, ending just after a line end), so
 * that chunks can be split into lines independently. A line with no end within {@link #SIZE} bytes is longer than
 * {@link BoundedLineReader#MAX_LINE}: it becomes a chunk of its own, cut to MAX_LINE bytes, and the rest of it is
 * skipped. Memory: one buffer of SIZE bytes besides the chunks handed out, and up to four recycled ones.
 */
final class LogChunks {
    static final int SIZE = 4 * 1024 * 1024;
    private static final int SPARE = 4;

    /** Bytes data[0, length) hold whole lines; the last may lack its end only at the end of input. */
    record Chunk(byte[] data, int length) {
    }

    private final InputStream in;
    private final int size;
    /** Buffers of chunks the reader is done with, filled again instead of allocating (and zeroing) new ones. */
    private final java.util.ArrayDeque<byte[]> spare = new java.util.ArrayDeque<>();
    private byte[] buf;
    private int len;
    private boolean eof;
    /** In the rest of an over-long line. */
    private boolean skipping;
    /** The byte before was a '\r': a '\n' now belongs to it. */
    private boolean skipLf;

    LogChunks(InputStream in) {
        this(in, SIZE);
    }

    /** @param size chunk size, at least MAX_LINE (smaller only for tests of the edges) */
    LogChunks(InputStream in, int size) {
        this.in = in;
        this.size = size;
        this.buf = new byte[size];
    }

    /** The next chunk, or null at the end of input. */
    Chunk next() throws IOException {
        while (true) {
            fill();
            if (len == 0) {
                return null;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[0] == '\n') {
                    drop(1);
                }
                continue;
            }
            if (skipping) {
                int end = LineEnds.next(buf, 0, len);
                if (end < 0) {
                    len = 0;
                    continue;
                }
                skipping = false;
                skipLf = buf[end] == '\r';
                drop(end + 1);
                continue;
            }
            int split = afterLastLineEnd();
            if (split > 0) {
                return handOver(split);
            }
            if (eof) {
                return handOver(len);
            }
            // no line end in a full buffer: one over-long line, cut
            int cut = Math.min(len, BoundedLineReader.MAX_LINE);
            byte[] line = java.util.Arrays.copyOf(buf, cut);
            // a '\r' last in the full buffer ends the line; otherwise its end is still to come
            boolean endsHere = buf[len - 1] == '\r';
            len = 0;
            skipping = !endsHere;
            skipLf = endsHere;
            return new Chunk(line, cut);
        }
    }

    /** Index just after the last line end in buf, 0 when none; a '\r' last in the buffer waits for a '\n'. */
    private int afterLastLineEnd() {
        for (int i = len - 1; i >= 0; i--) {
            byte current = buf[i];
            if (current == '\n' || (current == '\r' && (i < len - 1 || eof))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Takes back the bytes of a chunk nothing refers to any more. */
    void recycle(byte[] data) {
        if (data.length == size && spare.size() < SPARE) {
            spare.add(data);
        }
    }

    private Chunk handOver(int split) {
        byte[] data = buf;
        byte[] next = spare.poll();
        buf = next != null ? next : new byte[size];
        len -= split;
        System.arraycopy(data, split, buf, 0, len);
        return new Chunk(data, split);
    }

    private void drop(int count) {
        System.arraycopy(buf, count, buf, 0, len - count);
        len -= count;
    }

    private void fill() throws IOException {
        while (!eof && len < buf.length) {
            int read = in.read(buf, len, buf.length - len);
            if (read < 0) {
                eof = true;
            } else if (read == 0) {
                eof = true; // a stream must block; treat 0 as the end to stay bounded
            } else {
                len += read;
            }
        }
    }
}
