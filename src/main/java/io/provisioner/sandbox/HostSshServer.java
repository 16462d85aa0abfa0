package io.provisioner.sandbox;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * A sandbox host's SSH server (Apache MINA SSHD) on 127.0.0.1 and on the host's own 127.x address (one
 * port for both, so a spec can name each host by its own address): its own host key, public-key login for
 * the stack user with the lab's key only, exec channels as {@link HostExecCommand}, and SFTP.
 */
final class HostSshServer implements AutoCloseable {
    private final SshServer server;
    private final PublicKey hostKey;

    private final String hostIp;

    HostSshServer(Path hostKeyFile, PublicKey authorized, Map<String, String> environment, Path home, String hostIp)
            throws IOException {
        this.hostIp = hostIp;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1," + hostIp);
        server.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        server.setKeyPairProvider(keys);
        server.setPublickeyAuthenticator((user, key, session) ->
                HostRootBuilder.STACK_USER.equals(user) && KeyUtils.compareKeys(authorized, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new HostExecCommand(command, environment, home));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.start();
        try {
            Iterable<KeyPair> pairs = keys.loadKeys(null);
            hostKey = pairs.iterator().next().getPublic();
        } catch (Exception e) {
            server.stop(true);
            throw new IOException("sandbox host key: " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getPort();
    }

    /** The known_hosts lines for this server: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}, localhost and its 127.x. */
    String knownHostsLine() {
        String key = PublicKeyEntry.toString(hostKey);
        return "[127.0.0.1]:" + port() + " " + key + "\n[localhost]:" + port() + " " + key + "\n[" + hostIp + "]:"
                + port() + " " + key;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // stopping immediately; nothing left to release
        }
    }
}
