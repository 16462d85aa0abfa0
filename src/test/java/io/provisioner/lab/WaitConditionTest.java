package io.provisioner.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitConditionTest {
    @TempDir
    Path dir;

    @Test
    void aListeningPortIsReadyAndAClosedOneRunsOutTheDeadlineNamingIt() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WaitCondition.portAccepting("127.0.0.1", server.getLocalPort()).await(Duration.ofSeconds(5));
        }
        int closed = FreePort.any();
        assertThatThrownBy(() -> WaitCondition.portAccepting("127.0.0.1", closed).await(Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not ready after PT0.3S waiting for 127.0.0.1:" + closed + " accepting");
    }

    @Test
    void aFileThatAppearsWhileWaitingEndsTheWait() throws Exception {
        Path file = dir.resolve("db.sock");
        AtomicInteger polls = new AtomicInteger();
        new WaitCondition("the file", () -> {
            if (polls.incrementAndGet() == 3) {
                try {
                    Files.writeString(file, "");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Files.exists(file);
        }).await(Duration.ofSeconds(10));
        assertThat(polls).hasValue(3);
        WaitCondition.fileExists(file).await(Duration.ofMillis(1));
    }

    @Test
    void aComponentThatDiedEndsTheWaitAtOnceSayingSo() {
        assertThatThrownBy(() -> WaitCondition.fileExists(dir.resolve("never"))
                .await(Duration.ofMinutes(5), () -> Optional.of("ovsdb-server exited with 1")))
                .hasMessage("ovsdb-server exited with 1 before " + dir.resolve("never") + " to appear");
    }

    @Test
    void aCommandIsReadyWhenItExitsZero() {
        WaitCondition.commandSucceeds(List.of("true")).await(Duration.ofSeconds(5));
        assertThatThrownBy(() -> WaitCondition.commandSucceeds(List.of("false")).await(Duration.ofMillis(200)))
                .hasMessageContaining("waiting for false to succeed");
    }
}
