package io.provisioner.remote;

import com.jcraft.jsch.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Opens the {@link RemoteShell} for a target: {@link LocalShell} for address {@code local}, else one SSH
 * connection (through the bastion when the target names one) that all the host's commands share.
 * Transport failures are retried with capped exponential back-off; an authentication or host-key
 * refusal is final at once (retrying would only lock the account or hide an attack).
 */
public final class Connector {

    /** {@code attempts} connects in all, waiting {@code first}, 2×, 4×... at most {@code max} in between. */
    public record Backoff(int attempts, Duration first, Duration max) {
        public static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(8));
        public static final Backoff NONE = new Backoff(1, Duration.ZERO, Duration.ZERO);

        Duration delayBefore(int attempt) {
            long ms = first.toMillis() << Math.min(20, Math.max(0, attempt - 2));
            return Duration.ofMillis(Math.min(ms, max.toMillis()));
        }
    }

    private final TargetResolver resolver;
    private final Backoff backoff;

    /** Reads {@code ~/.ssh/config} and {@code SSH_AUTH_SOCK} of this process. */
    public Connector() {
        this(Backoff.DEFAULT);
    }

    /** As {@link #Connector()}, with its own connect attempts. */
    public Connector(Backoff backoff) {
        this(System.getenv(), Path.of(System.getProperty("user.home"), ".ssh", "config"),
                Path.of(System.getProperty("user.home")), backoff);
    }

    /** For tests and embedding: explicit environment, ssh config file (may not exist), home and back-off. */
    public Connector(Map<String, String> env, Path sshConfig, Path home, Backoff backoff) {
        try {
            this.resolver = new TargetResolver(sshConfig, home, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sshConfig + ": " + e.getMessage(), e);
        }
        this.backoff = backoff;
    }

    /** What this connector's {@code ~/.ssh/config} says for a host alias. */
    public SshConfigEntry sshConfigFor(String alias) {
        return resolver.configFor(alias);
    }

    public RemoteShell open(SshTarget target) throws RemoteException {
        if (target.isLocal()) {
            return new LocalShell(target.name());
        }
        SshConnection connection = new SshConnection(this, target);
        connection.session();
        return new JschShell(target.name(), resolver.resolve(target).user(), connection);
    }

    /**
     * One connect with retries; a bastion, when named, is connected first (with the same retries). JSch
     * starts the sessions' threads through {@code threads}.
     */
    Session[] connect(SshTarget target, TransportThreads threads) throws RemoteException {
        Session bastion = null;
        if (target.jump() != null) {
            bastion = withRetries(bastionTarget(target), null, threads);
        }
        try {
            return new Session[]{withRetries(target, bastion, threads), bastion};
        } catch (RemoteException e) {
            if (bastion != null) {
                bastion.disconnect();
            }
            throw e;
        }
    }

    private Session withRetries(SshTarget target, Session bastion, TransportThreads threads) throws RemoteException {
        ResolvedTarget rt = resolver.resolve(target);
        for (int attempt = 1; ; attempt++) {
            try {
                return SessionOpener.open(target, rt, bastion, threads);
            } catch (RemoteException e) {
                if (!e.failure().isTransient() || attempt >= backoff.attempts()) {
                    throw e;
                }
                sleep(backoff.delayBefore(attempt + 1));
            }
        }
    }

    /** {@code [user@]host[:port]}; the bastion uses the target's key, known_hosts and policy. */
    static SshTarget bastionTarget(SshTarget target) {
        String spec = target.jump();
        String user = target.user();
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            user = spec.substring(0, at);
            spec = spec.substring(at + 1);
        }
        int port = 0;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0 && spec.indexOf(']') < colon) {
            try {
                port = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("target " + target.name() + ": jump '" + target.jump()
                        + "' has a bad port");
            }
            spec = spec.substring(0, colon);
        }
        if (spec.startsWith("[") && spec.endsWith("]")) {
            spec = spec.substring(1, spec.length() - 1);
        }
        return new SshTarget(target.name() + " (via bastion)", spec, port, user, target.identityFile(), target.passphrase(),
                target.knownHostsFile(), target.hostKeyCheck(), null, target.connectTimeout(), target.keepAlive());
    }

    private static void sleep(Duration duration) throws RemoteException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteFailure.IO, "", "interrupted while waiting to reconnect");
        }
    }
}
