package io.provisioner.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one output stream of a command to its end: lines to a listener as they arrive, and the whole
 * text (up to a cap, so a flood cannot exhaust memory) for the result. Draining both streams at once on
 * their own threads is what keeps the SSH window open (a stalled stream blocks the remote process).
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
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            total += n;
            int room = CAP - all.size();
            if (room > 0) {
                all.write(buf, 0, Math.min(room, n));
            }
            lines.feed(buf, 0, n);
        }
        lines.finish();
    }

    String text() {
        String s = all.toString(StandardCharsets.UTF_8);
        return total > CAP ? s + "\n[... " + (total - CAP) + " more bytes not kept]" : s;
    }
}
