package io.provisioner.remote;

import io.provisioner.lab.SshdLab;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** strict / accept-new / insecure against real sshd host keys, plain and hashed known_hosts. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostKeyPolicyIT {
    @RegisterExtension
    static final SshdLab LAB = SshdLab.loopback(4);

    static final Connector CONNECTOR = new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE);

    static SshTarget target(int host, Path knownHosts, HostKeyCheck check) {
        return LAB.target(host).withKnownHosts(knownHosts.toString(), check);
    }

    static void connectAndRun(SshTarget t) throws RemoteException {
        try (RemoteShell s = CONNECTOR.open(t)) {
            assertThat(s.run(RemoteCommand.of("true")).exitStatus()).isZero();
        }
    }

    @Test
    @Order(1)
    void refusesUnknownHostKeyWhenStrict() throws Exception {
        Path kh = Files.createTempFile("known_hosts", "");
        assertThatThrownBy(() -> connectAndRun(target(0, kh, HostKeyCheck.STRICT)))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.HOST_KEY_UNKNOWN);
                    assertThat(e.getMessage()).contains("ssh-keyscan -H -p " + LAB.host(0).port() + " " + LAB.host(0).address())
                            .contains("SHA256:");
                });
        assertThat(Files.readString(kh)).isEmpty();
    }

    @Test
    @Order(2)
    void acceptNewRecordsEveryHostAtomicallyInParallelThenTrustsIt() throws Exception {
        Path kh = Files.createTempDirectory("kh").resolve("known_hosts");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SshTarget t = target(i, kh, HostKeyCheck.ACCEPT_NEW);
                all.add(pool.submit(() -> {
                    connectAndRun(t);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(kh);
        assertThat(lines).containsExactlyInAnyOrder(LAB.host(0).knownHostsLine(), LAB.host(1).knownHostsLine(),
                LAB.host(2).knownHostsLine());
        connectAndRun(target(1, kh, HostKeyCheck.STRICT));
        connectAndRun(target(1, kh, HostKeyCheck.ACCEPT_NEW));
        assertThat(Files.readAllLines(kh)).hasSize(3);
    }

    @Test
    @Order(3)
    void readsHashedKnownHosts() throws Exception {
        Path kh = LAB.keys().writeKnownHosts(LAB.hosts(), true);
        assertThat(Files.readString(kh)).startsWith("|1|").doesNotContain(LAB.host(2).address());
        connectAndRun(target(2, kh, HostKeyCheck.STRICT));
    }

    @Test
    @Order(4)
    void insecureAcceptsAnyKeyAndRecordsNothing() throws Exception {
        Path kh = Files.createTempFile("known_hosts", "");
        connectAndRun(target(3, kh, HostKeyCheck.INSECURE));
        assertThat(Files.readString(kh)).isEmpty();
    }

    @Test
    @Order(5)
    void refusesChangedHostKeyWithTheRemedyUnderStrictAndAcceptNew() throws Exception {
        Path kh = Files.createTempFile("known_hosts", "");
        Files.writeString(kh, LAB.host(3).knownHostsLine() + "\n");
        connectAndRun(target(3, kh, HostKeyCheck.STRICT));
        LAB.host(3).changeHostKey();
        String hostInFile = "[" + LAB.host(3).address() + "]:" + LAB.host(3).port();
        for (HostKeyCheck check : List.of(HostKeyCheck.STRICT, HostKeyCheck.ACCEPT_NEW)) {
            assertThatThrownBy(() -> connectAndRun(target(3, kh, check)))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RemoteFailure.HOST_KEY_CHANGED);
                        assertThat(e.getMessage()).contains("ssh-keygen -f " + kh + " -R '" + hostInFile + "'");
                    });
        }
        // the old key is still what known_hosts says: nothing was overwritten
        assertThat(Files.readAllLines(kh)).hasSize(1).doesNotContain(LAB.host(3).knownHostsLine());
        connectAndRun(target(3, kh, HostKeyCheck.INSECURE));
    }
}
