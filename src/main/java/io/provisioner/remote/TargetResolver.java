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

    ResolvedTarget resolve(SshTarget target) {
        ConfigRepository.Config hostConfig = config.getConfig(target.address());
        String host = hostConfig.getHostname() != null ? hostConfig.getHostname() : target.address();
        int port = target.port() > 0 ? target.port() : hostConfig.getPort() > 0 ? hostConfig.getPort() : 22;
        String user = target.user() != null ? target.user()
                : hostConfig.getUser() != null ? hostConfig.getUser() : System.getProperty("user.name");
        List<String> ids = new ArrayList<>();
        if (target.identityFile() != null) {
            ids.add(expand(target.identityFile()));
        } else {
            String[] fromConfig = hostConfig.getValues("IdentityFile");
            if (fromConfig != null && fromConfig.length > 0) {
                for (String file : fromConfig) {
                    ids.add(expand(file));
                }
            } else {
                for (String file : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                    Path path = home.resolve(".ssh").resolve(file);
                    if (Files.isReadable(path)) {
                        ids.add(path.toString());
                    }
                }
            }
        }
        String kh = target.knownHostsFile() != null ? expand(target.knownHostsFile())
                : hostConfig.getValue("UserKnownHostsFile") != null
                        ? expand(hostConfig.getValue("UserKnownHostsFile").split("\\s+")[0])
                : home.resolve(".ssh/known_hosts").toString();
        return new ResolvedTarget(target.name(), host, port, user, List.copyOf(ids), kh, agentSocket);
    }

    /** What {@code ~/.ssh/config} says for {@code alias} about the fields a host spec may leave out. */
    SshConfigEntry configFor(String alias) {
        ConfigRepository.Config hostConfig = config.getConfig(alias);
        String[] ids = hostConfig.getValues("IdentityFile");
        String kh = hostConfig.getValue("UserKnownHostsFile");
        return new SshConfigEntry(hostConfig.getUser(), Math.max(0, hostConfig.getPort()),
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
