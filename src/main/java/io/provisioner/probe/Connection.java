package io.provisioner.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connected blocking socket under the probe's one deadline. Every read sets {@code SO_TIMEOUT} to the time
 * left (an absolute deadline, not a per-read timeout); reads loop over partial data and tell EOF from
 * reset. Writes get a deadline the JDK does not have: a timer closes the socket when it passes.
 */
final class Connection implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = timer();

    private final Socket socket;
    private final Socket closeOnDeadline;
    private final Deadline deadline;
    private final InputStream in;
    private final OutputStream out;

    /** {@code closeOnDeadline} is the raw TCP socket under a TLS one (closing it unblocks both). */
    Connection(Socket socket, Socket closeOnDeadline, Deadline deadline) throws IOException {
        this.socket = socket;
        this.closeOnDeadline = closeOnDeadline;
        this.deadline = deadline;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    Connection(Socket socket, Deadline deadline) throws IOException {
        this(socket, socket, deadline);
    }

    Socket socket() {
        return socket;
    }

    Deadline deadline() {
        return deadline;
    }

    /** Exactly {@code n} bytes, or: closed-early on EOF, partial if the deadline passed after some, read-timeout if none. */
    byte[] readExactly(int count, String what) throws ProbeFailure {
        byte[] buf = new byte[count];
        int got = 0;
        while (got < count) {
            int read = readSome(buf, got, count - got, got, what);
            if (read < 0) {
                throw new ProbeFailure(ProbeOutcome.CLOSED_EARLY,
                        "peer closed after " + got + " of " + count + " bytes of " + what);
            }
            got += read;
        }
        return buf;
    }

    /** Reads up to and including LF (at most {@code max} bytes); returns the line without CR LF. */
    String readLine(int max, String what) throws ProbeFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (line.size() < max) {
            int read = readSome(one, 0, 1, line.size(), what);
            if (read < 0) {
                throw new ProbeFailure(ProbeOutcome.CLOSED_EARLY, line.size() == 0 ? "peer closed without sending " + what
                        : "peer closed in the middle of " + what + ": '" + printable(line.toByteArray()) + "'");
            }
            if (one[0] == '\n') {
                String text = line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(one[0]);
        }
        throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "no line end within " + max + " bytes of " + what + ": '"
                + printable(line.toByteArray()) + "'");
    }

    /** Up to {@code max} bytes until EOF; stops quietly at the deadline if something was read. */
    byte[] readUpTo(int max, String what) throws ProbeFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[Math.min(max, 8192)];
        while (body.size() < max) {
            int read;
            try {
                read = readSome(buf, 0, Math.min(buf.length, max - body.size()), body.size(), what);
            } catch (ProbeFailure failure) {
                if (failure.outcome() == ProbeOutcome.PARTIAL) {
                    break;
                }
                throw failure;
            }
            if (read < 0) {
                break;
            }
            body.write(buf, 0, read);
        }
        return body.toByteArray();
    }

    /** One read with the time left; -1 on EOF. {@code already} is how much of {@code what} came before. */
    int readSome(byte[] buf, int off, int len, int already, String what) throws ProbeFailure {
        if (deadline.expired()) {
            throw timeout(already, what);
        }
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, deadline.remainingMillis()));
            return in.read(buf, off, len);
        } catch (java.net.SocketTimeoutException e) {
            throw timeout(already, what);
        } catch (IOException e) {
            throw FailureClassifier.classify(e, FailureClassifier.Phase.EXCHANGE);
        }
    }

    private static ProbeFailure timeout(int already, String what) {
        return already == 0
                ? new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "connected, but " + what + " did not arrive before the deadline")
                : new ProbeFailure(ProbeOutcome.PARTIAL, "only " + already + " bytes of " + what + " before the deadline");
    }

    /**
     * Writes everything before the deadline. A peer that never reads fills both socket buffers and the write
     * blocks; the timer then closes the socket, which is the only way to stop a blocked classic-socket write.
     */
    void write(byte[] data) throws ProbeFailure {
        long ms = deadline.remainingMillis();
        if (ms == 0) {
            throw new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "deadline passed before writing");
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            fired.set(true);
            closeQuietly(closeOnDeadline);
        }, ms, TimeUnit.MILLISECONDS);
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            if (fired.get()) {
                throw new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "write deadline passed with " + data.length
                        + " bytes to send: the peer is not reading");
            }
            throw FailureClassifier.classify(e, FailureClassifier.Phase.EXCHANGE);
        } finally {
            alarm.cancel(false);
        }
        if (fired.get()) {
            throw new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "write deadline passed: the peer is not reading");
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
        if (closeOnDeadline != socket) {
            closeQuietly(closeOnDeadline);
        }
    }

    static String printable(byte[] bytes) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 60); i++) {
            int octet = bytes[i] & 0xff;
            shown.append(octet >= 0x20 && octet < 0x7f ? (char) octet : '.');
        }
        return shown.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread th = new Thread(task, "probe-write-deadline");
            th.setDaemon(true);
            return th;
        });
        timer.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(timer);
    }
}
