package io.provisioner.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** address: local runs on this machine through ProcessBuilder. */
class LocalShellTest {
    final LocalShell shell = new LocalShell("local");

    @Test
    void reportsExitStatusStdoutAndStderr() throws Exception {
        CommandResult r = shell.run(RemoteCommand.script("echo out; echo err >&2; exit 4"));
        assertThat(r.exitStatus()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void passesStdin() throws Exception {
        assertThat(shell.run(RemoteCommand.of("cat").withStdin("secret\n")).stdout()).isEqualTo("secret\n");
    }

    @Test
    void killsTheWholeProcessTreeOnTimeout(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        long start = System.nanoTime();
        assertThatThrownBy(() -> shell.run(RemoteCommand.script("sleep 302 & echo $! > \"$1\"; wait", pids.toString())
                .withTimeout(Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(RemoteFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long grandchild = Long.parseLong(Files.readString(pids).trim());
        for (int i = 0; i < 50 && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void uploadsWithModeAndReadsFromAnOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret.env");
        shell.upload(f.toString(), "PASSWORD=x\n".getBytes(StandardCharsets.UTF_8), 0600);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(new String(shell.read(f.toString(), 9, 100), StandardCharsets.UTF_8)).isEqualTo("x\n");
        assertThat(shell.read(f.toString(), 100, 10)).isEmpty();
        assertThatThrownBy(() -> shell.read(dir.resolve("missing").toString(), 0, 1))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.NOT_FOUND));
    }

    @Test
    void detachedRunsWorkLocallyToo(@TempDir Path dir) throws Exception {
        DetachedSpec spec = new DetachedSpec("local", List.of("bash", "-c", "echo a; echo b; exit 3"), dir.toString(),
                dir.resolve("log").toString(), dir.resolve("exit").toString(), dir.resolve("lock").toString(), Map.of(), null);
        DetachedRun.start(shell, spec);
        List<String> lines = new java.util.ArrayList<>();
        DetachedStatus st = new LogFollower(() -> shell, spec, 0, lines::add).followToEnd(Duration.ofMillis(50), Duration.ofSeconds(10));
        assertThat(st.exitCode()).isEqualTo(3);
        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void connectorGivesALocalShellForAddressLocal() throws Exception {
        try (RemoteShell s = new Connector().open(SshTarget.of("me", "local", 0, null))) {
            assertThat(s).isInstanceOf(LocalShell.class);
        }
    }
}
