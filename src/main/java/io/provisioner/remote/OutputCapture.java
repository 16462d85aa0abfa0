package io.provisioner.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Drains one output stream of a command to its end: lines to a listener as they arrive, and the whole
 * text (up to a cap, so a flood cannot exhaust memory) for the result. Draining both streams at once on
 * their own threads is what keeps the SSH window open (a stalled stream blocks the remote process).
 * Over SSH the listener is called on the connection's reader thread, so it must return quickly.
 */
final class OutputCapture {
    static final int CAP = 64 * 1024 * 1024;

    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final LineSplitter lines;
    private long total;

    OutputCapture(Consumer<String> listener) {
        this.lines = new LineSplitter(listener);
    }

    /** Reads to EOF. Returns normally at EOF; an IOException means the stream broke. */
    void drain(InputStream in) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int read;
        while ((read = in.read(buf)) >= 0) {
            accept(buf, 0, read);
        }
        lines.finish();
    }

    /**
     * A sink the transport writes into directly; {@code done} is counted down when the transport closes
     * it at end of stream. (JSch's own piped input streams notice EOF up to a second late.)
     */
    OutputStream sink(CountDownLatch done) {
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int octet) {
                write(new byte[]{(byte) octet}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int off, int len) {
                accept(bytes, off, len);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    lines.finish();
                    done.countDown();
                }
            }
        };
    }

    private void accept(byte[] buf, int off, int length) {
        if (length <= 0) {
            return;
        }
        total += length;
        int room = CAP - all.size();
        if (room > 0) {
            all.write(buf, off, Math.min(room, length));
        }
        lines.feed(buf, off, length);
    }

    String text() {
        String kept = all.toString(StandardCharsets.UTF_8);
        return total > CAP ? kept + "\n[... " + (total - CAP) + " more bytes not kept]" : kept;
    }
}
