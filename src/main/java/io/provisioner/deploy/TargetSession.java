package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.nio.file.Path;

/**
 * The host's one connection, reopened after a drop. {@link #reconnect} keeps trying with capped back-off
 * until the deadline, so an SSH link that is down for a while does not end the deploy; authentication and
 * host-key failures end it at once.
 */
final class TargetSession implements AutoCloseable {
    private final Host host;
    private final HostConnector connector;
    private final Duration reconnectFor;
    private RemoteShell shell;

    TargetSession(Host host, HostConnector connector, Duration reconnectFor) {
        this.host = host;
        this.connector = connector;
        this.reconnectFor = reconnectFor;
    }

    synchronized RemoteShell shell() throws RemoteException {
        if (shell == null) {
            shell = connector.open(host);
        }
        return shell;
    }

    synchronized java.util.Optional<RemoteShell> ifConnected() {
        return java.util.Optional.ofNullable(shell);
    }

    /** Drops the current connection and opens a new one, retrying transport failures until the deadline. */
    synchronized RemoteShell reconnect() throws RemoteException {
        if (shell != null) {
            shell.close();
            shell = null;
        }
        Instant deadline = Instant.now().plus(reconnectFor);
        long backoff = 500;
        while (true) {
            try {
                shell = connector.open(host);
                return shell;
            } catch (RemoteException e) {
                boolean transport = e.failure() == RemoteFailure.UNREACHABLE || e.failure() == RemoteFailure.DISCONNECTED
                        || e.failure() == RemoteFailure.IO || e.failure() == RemoteFailure.TIMEOUT;
                if (!transport || Instant.now().plusMillis(backoff).isAfter(deadline)) {
                    throw e;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    void writeCredentials(Path stateDir, Map<String, String> facts) {
        CredentialFiles.write(stateDir.resolve(host.name()), host, facts);
    }

    @Override
    public synchronized void close() {
        if (shell != null) {
            shell.close();
            shell = null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("interrupted");
        }
    }
}
