package io.provisioner.remote;

import io.provisioner.lab.LabCommand;
import io.provisioner.lab.LabUser;
import io.provisioner.lab.ManagedProcess;
import io.provisioner.lab.SshdLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Keys, agent, ssh config, retries, bastion and sudo against real sshd. */
class ConnectIT {
    @RegisterExtension
    static final SshdLab LAB = SshdLab.loopback(2).withLogLevel("DEBUG1");

    static final Path NO_HOME = Path.of("/nonexistent");

    static Connector connector(Connector.Backoff backoff) {
        return new Connector(Map.of(), null, NO_HOME, backoff);
    }

    static String whoami(RemoteShell s) throws RemoteException {
        return s.run(RemoteCommand.of("id", "-un")).stdout().trim();
    }

    @Test
    void authenticationFailureIsNeverRetried() throws Exception {
        Path dir = Files.createTempDirectory("stranger");
        LabCommand.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString());
        long before = LAB.host(0).connectionsAccepted();
        SshTarget stranger = LAB.target(0).withIdentity(dir.resolve("key").toString(), null);
        assertThatThrownBy(() -> connector(new Connector.Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(1))).open(stranger))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("authorized_keys").contains(dir.resolve("key").toString());
                });
        // sshd logs the connection asynchronously; a retry would come within the backoff's second
        await().atMost(Duration.ofSeconds(10)).until(() -> LAB.host(0).connectionsAccepted() - before >= 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> LAB.host(0).connectionsAccepted() - before == 1);
    }

    @Test
    void withNoKeyAndNoAgentTheFailureSaysSoAndHowToMakeOne() {
        // a fresh workstation: no ~/.ssh keys, no SSH_AUTH_SOCK, no ssh.identity in the spec
        SshTarget noKey = LAB.target(0).withIdentity(null, null);
        assertThatThrownBy(() -> connector(Connector.Backoff.NONE).open(noKey))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("no SSH key to offer").contains("ssh-keygen -t ed25519")
                            .contains("ssh-copy-id -p " + noKey.port() + " ").contains("ssh.identity");
                });
    }

    @Test
    void transportFailuresAreRetriedWithBackoff() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket slammer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                while (!slammer.isClosed()) {
                    try (Socket s = slammer.accept()) {
                        accepted.incrementAndGet(); // hang up before the SSH banner
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            SshTarget t2 = SshTarget.of("slammer", "127.0.0.1", slammer.getLocalPort(), "root")
                    .withKnownHosts(LAB.keys().knownHosts().toString(), HostKeyCheck.STRICT);
            assertThatThrownBy(() -> connector(new Connector.Backoff(3, Duration.ofMillis(50), Duration.ofMillis(200))).open(t2))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure().isTransient()).isTrue());
            assertThat(accepted.get()).isEqualTo(3);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> connector(Connector.Backoff.NONE).open(SshTarget.of("nobody", "127.0.0.1", closedPort, "root")))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.UNREACHABLE));
    }

    @Test
    void usesEncryptedRsaAndEcdsaKeysWithTheirPassphrase() throws Exception {
        Path dir = Files.createTempDirectory("keys");
        for (String type : List.of("rsa", "ecdsa")) {
            Path key = dir.resolve(type);
            LabCommand.run("ssh-keygen", "-q", "-t", type, "-N", "Open sesame 1", "-f", key.toString());
            LAB.keys().authorize(Path.of(key + ".pub"));
            try (RemoteShell s = connector(Connector.Backoff.NONE).open(LAB.target(0).withIdentity(key.toString(), "Open sesame 1"))) {
                assertThat(whoami(s)).isEqualTo("root");
            }
            assertThatThrownBy(() -> connector(Connector.Backoff.NONE).open(LAB.target(0).withIdentity(key.toString(), "Bad-Guess-42")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RemoteFailure.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("Bad-Guess-42");
                    });
        }
    }

    @Test
    void usesTheSshAgentWhenSshAuthSockIsSet() throws Exception {
        Path dir = Files.createTempDirectory("agent");
        Path sock = dir.resolve("agent.sock");
        try (ManagedProcess agent = ManagedProcess.start("ssh-agent", dir.resolve("agent.log"),
                List.of("ssh-agent", "-D", "-a", sock.toString()))) {
            agent.awaitFile(sock, Duration.ofSeconds(10));
            ProcessBuilder add = new ProcessBuilder("ssh-add", LAB.keys().clientKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process p = add.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            SshTarget noKeyFile = LAB.target(0).withIdentity(null, null);
            // without the agent there is no key at all
            assertThatThrownBy(() -> connector(Connector.Backoff.NONE).open(noKeyFile))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.AUTHENTICATION));
            Connector withAgent = new Connector(Map.of("SSH_AUTH_SOCK", sock.toString()), null, NO_HOME, Connector.Backoff.NONE);
            try (RemoteShell s = withAgent.open(noKeyFile)) {
                assertThat(whoami(s)).isEqualTo("root");
            }
        }
    }

    @Test
    void honoursHostNameUserPortAndIdentityFileFromSshConfig() throws Exception {
        Path config = Files.createTempFile("ssh_config", "");
        Files.writeString(config, String.join("\n",
                "Host labalias",
                "  HostName " + LAB.host(1).address(),
                "  Port " + LAB.host(1).port(),
                "  User root",
                "  IdentityFile " + LAB.keys().clientKey(),
                ""));
        SshTarget alias = new SshTarget("lab2", "labalias", 0, null, null, null, LAB.keys().knownHosts().toString(),
                HostKeyCheck.STRICT, null, null, null);
        try (RemoteShell s = new Connector(Map.of(), config, NO_HOME, Connector.Backoff.NONE).open(alias)) {
            assertThat(whoami(s)).isEqualTo("root");
            assertThat(s.run(RemoteCommand.script("echo $SSH_CONNECTION")).stdout()).contains(LAB.host(1).address() + " " + LAB.host(1).port());
        }
    }

    @Test
    void reachesATargetThroughABastion() throws Exception {
        String bastion = "root@" + LAB.host(0).address() + ":" + LAB.host(0).port();
        long bastionLogins = LAB.host(0).connectionsAccepted();
        try (RemoteShell s = connector(Connector.Backoff.NONE).open(LAB.target(1).withJump(bastion))) {
            assertThat(s.run(RemoteCommand.script("echo $SSH_CONNECTION")).stdout()).contains(LAB.host(1).address());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> LAB.host(0).connectionsAccepted() - bastionLogins >= 1
                && LAB.host(0).logText().contains("direct-tcpip"));
        assertThat(LAB.host(0).connectionsAccepted() - bastionLogins).isEqualTo(1);
        assertThat(LAB.host(0).logText()).contains("direct-tcpip").contains(LAB.host(1).address());
    }

    @Test
    void sudoThatWantsAPasswordIsAClearError() throws Exception {
        try (LabUser stack = LabUser.ensure("stack");
             RemoteShell s = connector(Connector.Backoff.NONE).open(LAB.target(0, stack.name()))) {
            assertThat(whoami(s)).isEqualTo("stack");
            assertThatThrownBy(() -> s.run(RemoteCommand.of("true").asRoot()))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RemoteFailure.SUDO_NEEDS_PASSWORD);
                        assertThat(e.getMessage()).contains("NOPASSWD").contains("stack");
                    });
        }
    }
}
