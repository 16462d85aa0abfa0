package io.provisioner.remote;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fills what the target leaves open from {@code ~/.ssh/config} (HostName, User, Port, IdentityFile,
 * UserKnownHostsFile), then from OpenSSH's defaults. Values set on the target win, as on ssh's command line.
 */
final class TargetResolver {
    private final ConfigRepository config;
    private final Path home;
    private final String agentSocket;

    TargetResolver(Path sshConfig, Path home, Map<String, String> env) throws IOException {
        this.config = sshConfig != null && Files.isReadable(sshConfig)
                ? OpenSSHConfig.parseFile(sshConfig.toString()) : ConfigRepository.nullConfig;
        this.home = home;
        String sock = env.get("SSH_AUTH_SOCK");
        this.agentSocket = sock != null && !sock.isBlank() && Files.exists(Path.of(sock)) ? sock : null;
    }

    ResolvedTarget resolve(SshTarget t) {
        ConfigRepository.Config c = config.getConfig(t.address());
        String host = c.getHostname() != null ? c.getHostname() : t.address();
        int port = t.port() > 0 ? t.port() : c.getPort() > 0 ? c.getPort() : 22;
        String user = t.user() != null ? t.user()
                : c.getUser() != null ? c.getUser() : System.getProperty("user.name");
        List<String> ids = new ArrayList<>();
        if (t.identityFile() != null) {
            ids.add(expand(t.identityFile()));
        } else {
            String[] fromConfig = c.getValues("IdentityFile");
            if (fromConfig != null && fromConfig.length > 0) {
                for (String f : fromConfig) {
                    ids.add(expand(f));
                }
            } else {
                for (String f : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                    Path p = home.resolve(".ssh").resolve(f);
                    if (Files.isReadable(p)) {
                        ids.add(p.toString());
                    }
                }
            }
        }
        String kh = t.knownHostsFile() != null ? expand(t.knownHostsFile())
                : c.getValue("UserKnownHostsFile") != null ? expand(c.getValue("UserKnownHostsFile").split("\\s+")[0])
                : home.resolve(".ssh/known_hosts").toString();
        return new ResolvedTarget(t.name(), host, port, user, List.copyOf(ids), kh, agentSocket);
    }

    /** What {@code ~/.ssh/config} says for {@code alias} about the fields a host spec may leave out. */
    SshConfigEntry configFor(String alias) {
        ConfigRepository.Config c = config.getConfig(alias);
        String[] ids = c.getValues("IdentityFile");
        String kh = c.getValue("UserKnownHostsFile");
        return new SshConfigEntry(c.getUser(), Math.max(0, c.getPort()),
                ids == null ? List.of() : Arrays.stream(ids).map(this::expand).toList(),
                kh == null ? null : expand(kh.split("\\s+")[0]));
    }

    private String expand(String path) {
        if (path.equals("~")) {
            return home.toString();
        }
        return path.startsWith("~/") ? home.resolve(path.substring(2)).toString() : path;
    }
}
