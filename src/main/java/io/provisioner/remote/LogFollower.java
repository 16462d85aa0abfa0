package io.provisioner.remote;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a detached run's log from a byte offset, emitting complete lines, until the run ends. A dropped
 * connection is survived: the next poll asks the {@link ShellSource} for a shell again (which reconnects)
 * and continues from the same offset, so no line is lost or repeated. {@link #offset()} is where a later
 * follower (another provisioner process) resumes.
 */
public final class LogFollower {
    private static final int CHUNK = 256 * 1024;
    private static final Set<RemoteFailure> SURVIVABLE = EnumSet.of(RemoteFailure.DISCONNECTED,
            RemoteFailure.UNREACHABLE, RemoteFailure.IO, RemoteFailure.TIMEOUT);

    /** Gives the shell to use now; may reconnect. A {@code Connector}-made shell reconnects by itself. */
    @FunctionalInterface
    public interface ShellSource {
        RemoteShell get() throws RemoteException;
    }

    private final ShellSource shells;
    private final DetachedSpec spec;
    private final LineSplitter lines;
    private long readOffset;
    /** Written by the following thread only; volatile so another thread may read it while it follows. */
    private volatile int outages;

    public LogFollower(ShellSource shells, DetachedSpec spec, long offset, Consumer<String> lineSink) {
        this.shells = shells;
        this.spec = spec;
        this.readOffset = offset;
        this.lines = new LineSplitter(lineSink);
    }

    /** Byte offset just after the last complete line emitted. */
    public long offset() {
        return readOffset - lines.pendingBytes();
    }

    /** Connection losses survived so far. */
    public int outages() {
        return outages;
    }

    /** Reads what the log has now; returns the number of complete lines emitted. */
    public int poll() throws RemoteException {
        return poll(shells.get());
    }

    private int poll(RemoteShell shell) throws RemoteException {
        int emitted = 0;
        while (true) {
            byte[] chunk = DetachedRun.readLog(shell, spec, readOffset, CHUNK);
            if (chunk.length == 0) {
                return emitted;
            }
            readOffset += chunk.length;
            emitted += lines.feed(chunk, 0, chunk.length);
        }
    }

    /**
     * Polls every {@code interval} until the run is no longer RUNNING and its log is read to the end; a
     * last line without newline is emitted then. Gives up with the last error when the target stays
     * unreachable for longer than {@code maxOutage}.
     */
    public DetachedStatus followToEnd(Duration interval, Duration maxOutage) throws RemoteException {
        long lastContact = System.nanoTime();
        boolean inOutage = false;
        while (true) {
            try {
                RemoteShell shell = shells.get();
                poll(shell);
                DetachedStatus st = DetachedRun.status(shell, spec);
                if (!st.running()) {
                    poll(shell);
                    lines.finish();
                    return st;
                }
                lastContact = System.nanoTime();
                inOutage = false;
            } catch (RemoteException e) {
                if (!SURVIVABLE.contains(e.failure())
                        || System.nanoTime() - lastContact > maxOutage.toNanos()) {
                    throw e;
                }
                if (!inOutage) {
                    outages++;
                    inOutage = true;
                }
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(RemoteFailure.IO, spec.id(), "interrupted while following " + spec.logFile());
            }
        }
    }
}
