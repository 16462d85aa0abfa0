package io.provisioner.remote;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link RemoteShell} over one JSch session: each command is its own exec channel, so commands may run
 * in parallel (bounded below OpenSSH's MaxSessions 10). Follows the exit-status discipline of
 * reference §1.2: streams taken before connect, both drained at once, then wait for the channel to
 * close, and a missing status is an error, never "exit 0" or "-1".
 */
final class JschShell implements RemoteShell {
    /** Channels at once on one connection; OpenSSH refuses the 11th (MaxSessions 10). */
    static final int MAX_CHANNELS = 8;
    /** How long after the timeout (which the target enforces itself) we wait before giving up locally. */
    static final Duration LOCAL_GRACE = Duration.ofSeconds(RemoteCommandLine.KILL_AFTER_SECONDS + 3);

    private final String host;
    private final String user;
    private final SshConnection connection;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);

    JschShell(String host, String user, SshConnection connection) {
        this.host = host;
        this.user = user;
        this.connection = connection;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
        acquire();
        long start = System.nanoTime();
        ChannelExec ch = null;
        Session session = null;
        try {
            session = connection.session();
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(RemoteCommandLine.of(command, "root".equals(user)));
            OutputCapture stdout = new OutputCapture(listener::stdout);
            OutputCapture stderr = new OutputCapture(listener::stderr);
            CountDownLatch streamsEnded = new CountDownLatch(2);
            ch.setOutputStream(stdout.sink(streamsEnded));
            ch.setExtOutputStream(stderr.sink(streamsEnded));
            OutputStream stdin = ch.getOutputStream();
            ch.connect((int) Duration.ofSeconds(30).toMillis());
            feed(stdin, command.stdin());
            if (!awaitStreams(streamsEnded, ch, session, command, start)) {
                throw new RemoteException(RemoteFailure.TIMEOUT, host, host + ": '" + command.argv().get(0)
                        + "' still running after " + command.timeout() + "; stopped");
            }
            int status = exitStatus(ch, session, command);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (RemoteCommandLine.looksTimedOut(command, status, elapsed)) {
                throw new RemoteException(RemoteFailure.TIMEOUT, host, host + ": '" + command.argv().get(0)
                        + "' ran over its timeout of " + command.timeout() + " and was stopped on the target");
            }
            CommandResult result = new CommandResult(status, stdout.text(), stderr.text(), elapsed);
            SudoRefusal.check(host, user, command, result);
            return result;
        } catch (JSchException | IOException ex) {
            if (ex instanceof RemoteException re) {
                throw re;
            }
            boolean dropped = session != null && !session.isConnected();
            throw new RemoteException(dropped ? RemoteFailure.DISCONNECTED : RemoteFailure.IO, host,
                    host + ": " + (dropped ? "connection dropped" : "channel failed") + " running '"
                            + command.argv().get(0) + "': " + ex.getMessage(), null);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            channels.release();
        }
    }

    /**
     * Writes the command's stdin (small: secrets and scripts, well under the channel window) from this
     * thread, then sends EOF. JSch's own stdin pump would cost a thread per command, and under load it
     * races a command that ends at once (the pump's thread is cleared by the channel's close while it is
     * being started: a NullPointerException instead of the exit status). A command that exits without
     * reading its input closes the channel under the write; its exit status still tells what happened.
     */
    private static void feed(OutputStream stdin, byte[] content) {
        try (stdin) {
            if (content != null && content.length > 0) {
                stdin.write(content);
                stdin.flush();
            }
        } catch (IOException closedEarly) {
            // the command ended before it read everything; its status and output are what count
        }
    }

    /** Both streams closed, or the channel/connection closed; false when the local deadline passed. */
    private static boolean awaitStreams(CountDownLatch ended, ChannelExec ch, Session session, RemoteCommand command,
                                        long start) {
        long deadline = command.timeout() == null ? Long.MAX_VALUE
                : start + command.timeout().plus(LOCAL_GRACE).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (ended.await(50, TimeUnit.MILLISECONDS) || ch.isClosed() || !session.isConnected()) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the close that carries the status; -1 after that means the status never came. */
    private int exitStatus(ChannelExec ch, Session session, RemoteCommand command) throws RemoteException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ch.isClosed() && session.isConnected() && System.nanoTime() < until) {
            sleep(5);
        }
        int status = ch.getExitStatus();
        if (status >= 0) {
            return status;
        }
        String signal = ch.getExitSignal();
        if (signal != null) {
            return 128 + Signals.number(signal);
        }
        // a dropped transport closes the channels before the session notices: give it a moment to say so
        long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (session.isConnected() && System.nanoTime() < grace) {
            sleep(10);
        }
        if (!session.isConnected()) {
            throw new RemoteException(RemoteFailure.DISCONNECTED, host,
                    host + ": connection dropped while '" + command.argv().get(0) + "' was running; its exit status is unknown");
        }
        throw new RemoteException(RemoteFailure.IO, host,
                host + ": '" + command.argv().get(0) + "' ended without an exit status; treat it as failed");
    }

    @Override
    public void upload(String remotePath, byte[] content, int mode) throws RemoteException {
        int slash = remotePath.lastIndexOf('/');
        String dir = slash < 0 ? "" : remotePath.substring(0, slash + 1);
        String tmp = dir + "." + remotePath.substring(slash + 1) + ".tmp-" + UUID.randomUUID().toString().substring(0, 8);
        withSftp(remotePath, sftp -> {
            try {
                sftp.put(new ByteArrayInputStream(content), tmp);
                sftp.chmod(mode, tmp);
                sftp.rename(tmp, remotePath);
            } catch (SftpException e) {
                try {
                    sftp.rm(tmp);
                } catch (SftpException ignored) {
                    // it may never have been created
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public byte[] read(String remotePath, long offset, int maxBytes) throws RemoteException {
        return withSftp(remotePath, sftp -> {
            try (InputStream in = sftp.get(remotePath, null, offset)) {
                return in.readNBytes(maxBytes);
            }
        });
    }

    private interface SftpWork<T> {
        T apply(ChannelSftp sftp) throws SftpException, IOException;
    }

    private <T> T withSftp(String path, SftpWork<T> work) throws RemoteException {
        acquire();
        ChannelSftp sftp = null;
        Session session = null;
        try {
            session = connection.session();
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) Duration.ofSeconds(30).toMillis());
            return work.apply(sftp);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw new RemoteException(RemoteFailure.NOT_FOUND, host, host + ": no such file " + path);
            }
            throw new RemoteException(RemoteFailure.IO, host, host + ": SFTP on " + path + " failed: " + e.getMessage());
        } catch (JSchException | IOException e) {
            boolean dropped = session != null && !session.isConnected();
            throw new RemoteException(dropped ? RemoteFailure.DISCONNECTED : RemoteFailure.IO, host,
                    host + ": SFTP on " + path + " failed: " + e.getMessage());
        } finally {
            if (sftp != null) {
                sftp.disconnect();
            }
            channels.release();
        }
    }

    private void acquire() throws RemoteException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteFailure.IO, host, "interrupted");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The connection's transport threads still running; none once {@link #close} returned. */
    List<Thread> transportThreads() {
        return connection.liveThreads();
    }

    @Override
    public void close() {
        connection.close();
    }
}
