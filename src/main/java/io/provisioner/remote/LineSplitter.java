package io.provisioner.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream into lines (without "\n" or a trailing "\r"), decoding UTF-8 only at line ends so
 * a multi-byte character split across reads stays whole. Not thread-safe: one per stream.
 */
final class LineSplitter {
    private final Consumer<String> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Feeds bytes; returns how many complete lines were emitted. */
    int feed(byte[] bytes, int off, int len) {
        int lines = 0;
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                emit();
                lines++;
                start = i + 1;
            }
        }
        pending.write(bytes, start, off + len - start);
        return lines;
    }

    /** Bytes held back because their line is not complete yet. */
    int pendingBytes() {
        return pending.size();
    }

    /** Emits the last line if the stream did not end with a newline. */
    void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] line = pending.toByteArray();
        pending.reset();
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        sink.accept(new String(line, 0, length, StandardCharsets.UTF_8));
    }
}
