package io.provisioner.deploy;

import io.provisioner.remote.Connector;
import io.provisioner.remote.HostKeyCheck;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.remote.SshTarget;
import io.provisioner.spec.Host;
import io.provisioner.spec.HostKeyPolicy;
import io.provisioner.spec.SshSettings;

/** Maps a spec host onto the SSH layer's target and opens it. */
public final class SshHostConnector implements HostConnector {
    private final Connector connector;

    public SshHostConnector(Connector connector) {
        this.connector = connector;
    }

    public SshHostConnector() {
        this(new Connector());
    }

    @Override
    public RemoteShell open(Host host) throws RemoteException {
        return connector.open(target(host));
    }

    /**
     * The keepalive interval is {@code timeouts.connect}: a host that answers no keepalive for about four
     * of them (three unanswered, as OpenSSH's ServerAliveCountMax) is as gone as one that does not accept a
     * connect, and the deploy reconnects instead of waiting on a stalled TCP connection.
     */
    public static SshTarget target(Host host) {
        SshSettings ssh = host.ssh();
        // a defaulted identity is OpenSSH's default: whichever of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exist, and the
        // agent (the resolver's choice), not id_ed25519 alone, missing or not
        String identity = ssh.isDefaulted(SshSettings.IDENTITY) ? null : ssh.identity();
        return new SshTarget(host.name(), host.address(), ssh.port(), ssh.user(), identity,
                ssh.passphrase() == null ? null : ssh.passphrase().reveal(), ssh.knownHosts(),
                check(ssh.hostKeys()), ssh.jump(), host.timeouts().connect(), host.timeouts().connect());
    }

    private static HostKeyCheck check(HostKeyPolicy policy) {
        return switch (policy) {
            case STRICT -> HostKeyCheck.STRICT;
            case ACCEPT_NEW -> HostKeyCheck.ACCEPT_NEW;
            case INSECURE -> HostKeyCheck.INSECURE;
        };
    }
}
