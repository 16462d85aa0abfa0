package io.provisioner.deploy;

import io.provisioner.remote.Connector;
import io.provisioner.remote.SshConfigEntry;
import io.provisioner.spec.Host;
import io.provisioner.spec.SshSettings;
import io.provisioner.spec.Spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills the SSH fields a spec left out from {@code ~/.ssh/config}, as {@code ssh host} would: User, Port,
 * IdentityFile (the first one) and UserKnownHostsFile of the host's address. Fields the spec sets win;
 * where neither says, the spec format's defaults stay (user stack, port 22, ~/.ssh/id_ed25519,
 * ~/.ssh/known_hosts). Done once, right after loading, so the plan, the fix-ups (which act for the login
 * user) and the connection all see the same user. HostName stays the connection's business.
 */
public final class SshConfigDefaults {
    private SshConfigDefaults() {
    }

    public static Spec apply(Spec spec, Connector connector) {
        List<Host> hosts = spec.hosts().stream().map(host -> host.isLocal() ? host : apply(host,
                connector.sshConfigFor(host.address())))
                .toList();
        return new Spec(spec.file(), hosts);
    }

    static Host apply(Host host, SshConfigEntry config) {
        SshSettings ssh = host.ssh();
        Set<String> stillDefaulted = new HashSet<>(ssh.defaulted());
        String user = ssh.user();
        if (ssh.isDefaulted(SshSettings.USER) && config.user() != null) {
            user = config.user();
            stillDefaulted.remove(SshSettings.USER);
        }
        int port = ssh.port();
        if (ssh.isDefaulted(SshSettings.PORT) && config.port() > 0) {
            port = config.port();
            stillDefaulted.remove(SshSettings.PORT);
        }
        String identity = ssh.identity();
        if (ssh.isDefaulted(SshSettings.IDENTITY) && !config.identityFiles().isEmpty()) {
            identity = config.identityFiles().get(0);
            stillDefaulted.remove(SshSettings.IDENTITY);
        }
        String knownHosts = ssh.knownHosts();
        if (ssh.isDefaulted(SshSettings.KNOWN_HOSTS) && config.knownHosts() != null) {
            knownHosts = config.knownHosts();
            stillDefaulted.remove(SshSettings.KNOWN_HOSTS);
        }
        return host.withSsh(new SshSettings(user, port, identity, ssh.passphrase(), knownHosts, ssh.hostKeys(), ssh.jump(),
                stillDefaulted));
    }
}
