package io.provisioner.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults a real sshd will not produce on demand, from an embedded scripted SSH server. */
class ScriptedFaultsTest {
    static ScriptedSshServer server;
    static Connector connector;

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedSshServer(Files.createTempDirectory("scripted"));
        connector = new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aHangingCommandIsATimeoutAndTheConnectionStaysUsable() throws Exception {
        try (RemoteShell s = connector.open(server.target())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.run(RemoteCommand.of("hang").withTimeout(Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(s.run(RemoteCommand.of("fine")).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void aConnectionDroppedMidStreamIsDisconnected() throws Exception {
        try (RemoteShell s = connector.open(server.target())) {
            assertThatThrownBy(() -> s.run(RemoteCommand.of("drop")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.DISCONNECTED));
            // the next command reconnects by itself
            assertThat(s.run(RemoteCommand.of("fine")).exitStatus()).isZero();
        }
    }

    @Test
    void aMissingExitStatusIsAnErrorNeverExitZero() throws Exception {
        try (RemoteShell s = connector.open(server.target())) {
            assertThatThrownBy(() -> s.run(RemoteCommand.of("noexit")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.failure()).isIn(RemoteFailure.IO, RemoteFailure.DISCONNECTED);
                        assertThat(e.getMessage()).contains("exit status");
                    });
        }
    }
}
