package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host whose port 22 takes the TCP connection and closes it before the SSH login (a TCP proxy in front, sshd's
 * MaxStartups, fail2ban): deploy says unreachable (exit 3), as preflight does for the same host, not "failed" (1),
 * which CI reads as DevStack's own failure. A real listener on loopback; a real key made by ssh-keygen.
 */
class DeployUnreachableTest {
    @TempDir
    Path dir;

    @Test
    void aHostThatClosesTheConnectionBeforeTheLoginIsUnreachable() throws Exception {
        Path key = dir.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        try (ServerSocket closer = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> closeEach(closer));
            accepting.setDaemon(true);
            accepting.start();
            Path spec = dir.resolve("lab.yaml");
            Files.writeString(spec, """
                    version: 1
                    defaults:
                      ssh: {user: stack, port: %d, identity: %s, known_hosts: %s}
                      passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                    hosts:
                      - {name: ctl, address: 127.0.0.1, role: controller}
                    """.formatted(closer.getLocalPort(), key, dir.resolve("known_hosts")));

            InProcessRun r = InProcessRun.of("deploy", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());

            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.out()).contains("closed the connection during the handshake").contains("unreachable");
        }
    }

    private static void closeEach(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                // closed at once, before any SSH identification string
            } catch (IOException e) {
                return;
            }
        }
    }
}
