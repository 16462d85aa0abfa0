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
        List<Host> hosts = spec.hosts().stream().map(h -> h.isLocal() ? h : apply(h, connector.sshConfigFor(h.address())))
                .toList();
        return new Spec(spec.file(), hosts);
    }

    static Host apply(Host host, SshConfigEntry config) {
        SshSettings s = host.ssh();
        Set<String> stillDefaulted = new HashSet<>(s.defaulted());
        String user = s.user();
        if (s.isDefaulted(SshSettings.USER) && config.user() != null) {
            user = config.user();
            stillDefaulted.remove(SshSettings.USER);
        }
        int port = s.port();
        if (s.isDefaulted(SshSettings.PORT) && config.port() > 0) {
            port = config.port();
            stillDefaulted.remove(SshSettings.PORT);
        }
        String identity = s.identity();
        if (s.isDefaulted(SshSettings.IDENTITY) && !config.identityFiles().isEmpty()) {
            identity = config.identityFiles().get(0);
            stillDefaulted.remove(SshSettings.IDENTITY);
        }
        String knownHosts = s.knownHosts();
        if (s.isDefaulted(SshSettings.KNOWN_HOSTS) && config.knownHosts() != null) {
            knownHosts = config.knownHosts();
            stillDefaulted.remove(SshSettings.KNOWN_HOSTS);
        }
        return host.withSsh(new SshSettings(user, port, identity, s.passphrase(), knownHosts, s.hostKeys(), s.jump(),
                stillDefaulted));
    }
}
