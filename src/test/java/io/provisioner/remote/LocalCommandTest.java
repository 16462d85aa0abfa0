package io.provisioner.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one local-process runner: output pumped while it runs, so its timeout really fires. */
class LocalCommandTest {
    @Test
    void aProcessThatRunsOverItsTimeoutIsStoppedWithItsChildrenAndSaysSo() throws IOException {
        List<String> pids = new ArrayList<>();
        OutputListener collect = new OutputListener() {
            @Override
            public void stdout(String line) {
                pids.add(line.strip());
            }
        };
        // the child sleep holds the output pipe too: reading to EOF first would wait for it
        LocalResult result = LocalCommand.of("bash", "-c", "sleep 4 & echo $!; echo $$; wait")
                .withTimeout(Duration.ofSeconds(1)).run(collect);
        assertThat(result.timedOut()).isTrue();
        assertThat(result.ok()).isFalse();
        // bounded well below the 4 s the command would take: the timeout fired (slack for a loaded machine)
        assertThat(result.elapsed()).isLessThan(Duration.ofMillis(3500));
        assertThat(pids).hasSize(2);
        for (String pid : pids) {
            assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %s stopped", pid).isFalse();
        }
        assertThat(result.describe()).startsWith("bash -c sleep 4").contains("ran over its timeout");
    }

    @Test
    void sleepFourWithAOneSecondTimeoutReturnsAfterAboutOneSecond() throws IOException {
        LocalResult result = LocalCommand.of("sleep", "4").withTimeout(Duration.ofSeconds(1)).run();
        assertThat(result.timedOut()).isTrue();
        assertThat(result.elapsed()).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void muchOutputAndUnreadInputDoNotBlock() throws IOException {
        LocalResult big = LocalCommand.of("head", "-c", "3000000", "/dev/zero").withTimeout(Duration.ofSeconds(30)).run();
        assertThat(big.ok()).isTrue();
        assertThat(big.stdout()).hasSize(3_000_000);
        LocalResult unread = LocalCommand.of("true").withStdin(new byte[4_000_000]).withTimeout(Duration.ofSeconds(30)).run();
        assertThat(unread.ok()).as(unread.describe()).isTrue();
    }

    @Test
    void directoryEnvironmentStdinAndMergedErrors(@TempDir Path dir) throws IOException {
        LocalResult result = LocalCommand.of("bash", "-c", "pwd; echo \"$GREETING\"; cat; echo oops >&2; exit 3")
                .in(dir).withEnvironment(Map.of("GREETING", "hello")).withStdin("typed\n".getBytes())
                .mergingErrors().run();
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).isEqualTo(dir.toRealPath() + "\nhello\ntyped\noops\n");
        assertThatThrownBy(result::requireOk).isInstanceOf(IOException.class).hasMessageContaining("failed (exit 3)")
                .hasMessageContaining("oops");
    }

    @Test
    void aMissingProgramCannotBeStarted() {
        assertThatThrownBy(() -> LocalCommand.of("/no/such/program").run()).isInstanceOf(IOException.class);
    }
}
