package io.provisioner.remote;

import io.provisioner.lab.LabUser;
import io.provisioner.lab.SshdLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detached runs on a real sshd: run once, lock with holder, follow across reconnects, secrets off the command line. */
class DetachedRunIT {
    @RegisterExtension
    static final SshdLab LAB = SshdLab.loopback(1);

    static Connector connector;
    static RemoteShell shell;

    @BeforeAll
    static void connect() throws Exception {
        connector = new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE);
        shell = connector.open(LAB.target(0));
    }

    @AfterAll
    static void disconnect() {
        if (shell != null) {
            shell.close();
        }
    }

    static DetachedSpec spec(Path dir, String id, String script, Map<String, String> env) {
        // "gate" waits (bounded) until the test opens it, so the test does not race a busy machine
        // (the gate path is the script's $2, captured before a function's own positional parameters hide it)
        String withGate = "g=\"$2\"; gate() { for i in $(seq 1800); do [ -e \"$g\" ] && return; sleep 0.1; done; }; "
                + script;
        return new DetachedSpec(id, List.of("bash", "-c", withGate, "run", dir.resolve("runs").toString(),
                dir.resolve("gate").toString()), dir.toString(),
                dir.resolve("run.log").toString(), dir.resolve("run.exit").toString(), dir.resolve("run.lock").toString(),
                env, null);
    }

    @Test
    void runsOnceAndReportsItsExitStatus() throws Exception {
        Path dir = Files.createTempDirectory("detached");
        DetachedSpec spec = spec(dir, "stack-1", "echo started >> \"$1\"; echo one; gate; echo two; exit 7", Map.of());
        DetachedRun run = DetachedRun.start(shell, spec);
        assertThat(run.status().state()).isEqualTo(DetachedStatus.State.RUNNING);
        assertThat(run.status().holder()).contains("id=stack-1").contains("pid=").contains("since=").contains("by=provisioner@");

        assertThatThrownBy(() -> DetachedRun.start(shell, spec))
                .isInstanceOfSatisfying(DetachedRunBusyException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.LOCKED);
                    assertThat(e.holder()).contains("id=stack-1");
                });
        Files.createFile(dir.resolve("gate"));

        List<String> lines = new CopyOnWriteArrayList<>();
        LogFollower follower = new LogFollower(() -> shell, spec, 0, lines::add);
        DetachedStatus end = follower.followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
        assertThat(end.state()).isEqualTo(DetachedStatus.State.FINISHED);
        assertThat(end.exitCode()).isEqualTo(7);
        assertThat(lines).containsExactly("one", "two");
        assertThat(follower.offset()).isEqualTo(Files.size(dir.resolve("run.log")));

        DetachedRun.start(shell, spec); // after the end: reports, never starts again
        assertThat(Files.readAllLines(dir.resolve("runs"))).containsExactly("started");
        assertThat(run.status().exitCode()).isEqualTo(7);
    }

    @Test
    void aSecondRunSharingTheLockIsRefusedNamingTheHolder() throws Exception {
        Path dir = Files.createTempDirectory("detached");
        DetachedSpec first = spec(dir, "first", "gate", Map.of());
        DetachedRun.start(shell, first);
        DetachedSpec second = new DetachedSpec("second", List.of("true"), dir.toString(), dir.resolve("second.log").toString(),
                dir.resolve("second.exit").toString(), first.lockFile(), Map.of(), null);
        assertThatThrownBy(() -> DetachedRun.start(shell, second))
                .isInstanceOfSatisfying(DetachedRunBusyException.class, e -> assertThat(e.holder()).contains("id=first"));
        assertThat(DetachedRun.status(shell, second).state()).isEqualTo(DetachedStatus.State.NOT_STARTED);
        Files.createFile(dir.resolve("gate"));
        new LogFollower(() -> shell, first, 0, l -> { }).followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
        DetachedRun.start(shell, second);
        assertThat(new LogFollower(() -> shell, second, 0, l -> { })
                .followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30)).exitCode()).isZero();
    }

    @Test
    void environmentSecretsStayOffTheCommandLine() throws Exception {
        Path dir = Files.createTempDirectory("detached");
        String secret = "Pw4detachedRun77";
        DetachedSpec spec = spec(dir, "env", "gate; printf '%s' \"$ADMIN_PASSWORD\" | sha256sum",
                Map.of("ADMIN_PASSWORD", secret));
        DetachedRun.start(shell, spec);
        String ps = shell.run(RemoteCommand.of("ps", "-eo", "args")).stdout();
        assertThat(ps).contains("detached-run").doesNotContain(secret);
        Files.createFile(dir.resolve("gate"));
        List<String> lines = new CopyOnWriteArrayList<>();
        new LogFollower(() -> shell, spec, 0, lines::add).followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith(expected);
    }

    @Test
    void aNewProvisionerReattachesAndResumesFromItsOffset() throws Exception {
        Path dir = Files.createTempDirectory("detached");
        DetachedSpec spec = spec(dir, "resume", "echo started >> \"$1\"; echo line1; echo line2; gate; for i in 3 4 5 6; do echo line$i; done", Map.of());
        List<String> lines = new CopyOnWriteArrayList<>();
        long offset;
        try (RemoteShell first = connector.open(LAB.target(0))) {
            DetachedRun.start(first, spec);
            LogFollower f = new LogFollower(() -> first, spec, 0, lines::add);
            for (int i = 0; i < 50 && lines.size() < 2; i++) {
                f.poll();
                Thread.sleep(100);
            }
            offset = f.offset();
        } // the first provisioner goes away mid-run
        Files.createFile(dir.resolve("gate"));
        assertThat(lines).isNotEmpty();
        try (RemoteShell second = connector.open(LAB.target(0))) {
            DetachedStatus st = new LogFollower(() -> second, spec, offset, lines::add)
                    .followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
            assertThat(st.exitCode()).isZero();
        }
        assertThat(lines).containsExactly("line1", "line2", "line3", "line4", "line5", "line6");
        assertThat(Files.readAllLines(dir.resolve("runs"))).containsExactly("started");
    }

    @Test
    void runAsUserRunsTheCommandAsThatUserWithItsHomeAndTheEnvironment() throws Exception {
        try (LabUser stack = LabUser.ensure("labdetached")) {
            Path dir = Files.createTempDirectory("detached");
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            DetachedSpec spec = new DetachedSpec("as-user", List.of("bash", "-c",
                    "echo user=$(id -un) home=$HOME; printf %s \"$GREETING\" | wc -c; touch \"$1\"", "run",
                    dir.resolve("made-by").toString()), dir.toString(), dir.resolve("run.log").toString(),
                    dir.resolve("run.exit").toString(), dir.resolve("run.lock").toString(),
                    Map.of("GREETING", "hello stack"), stack.name());
            DetachedRun.start(shell, spec); // connected as root: sudo -n -u works without a password
            List<String> lines = new CopyOnWriteArrayList<>();
            DetachedStatus end = new LogFollower(() -> shell, spec, 0, lines::add)
                    .followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
            assertThat(end.exitCode()).as("exit; log: %s", lines).isZero();
            // on a host whose own name does not resolve, the launcher's sudo warns first; that line is the host's
            assertThat(lines.stream().filter(l -> !l.startsWith("sudo: unable to resolve host ")))
                    .containsExactly("user=labdetached home=/home/labdetached", "11");
            assertThat(Files.getOwner(dir.resolve("made-by")).getName()).isEqualTo("labdetached");
        }
    }

    @Test
    void runAsUserWithoutSudoRightsFailsInTheLogInsteadOfWaitingForAPassword() throws Exception {
        try (LabUser login = LabUser.ensure("labnosudo");
             RemoteShell unprivileged = connector.open(LAB.target(0, login.name()))) {
            String dir = "/tmp/detached-nosudo-" + ProcessHandle.current().pid();
            unprivileged.run(RemoteCommand.of("mkdir", "-p", dir));
            DetachedSpec spec = new DetachedSpec("as-other", List.of("id", "-un"), dir, dir + "/run.log",
                    dir + "/run.exit", dir + "/run.lock", Map.of(), "root");
            DetachedRun.start(unprivileged, spec);
            List<String> lines = new CopyOnWriteArrayList<>();
            DetachedStatus end = new LogFollower(() -> unprivileged, spec, 0, lines::add)
                    .followToEnd(Duration.ofMillis(200), Duration.ofSeconds(30));
            assertThat(end.exitCode()).isNotZero();
            assertThat(String.join("\n", lines)).contains("sudo").containsIgnoringCase("password");
            assertThat(lines).doesNotContain("root");
            unprivileged.run(RemoteCommand.of("rm", "-rf", dir));
        }
    }
}
