package io.provisioner.remote;

import io.provisioner.lab.SshdLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands, output and files over one connection to a real OpenSSH sshd. */
class JschShellIT {
    @RegisterExtension
    static final SshdLab LAB = SshdLab.loopback(1);

    static RemoteShell shell;

    @BeforeAll
    static void connect() throws Exception {
        shell = new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE).open(LAB.target(0));
    }

    @AfterAll
    static void disconnect() {
        if (shell != null) {
            shell.close();
        }
    }

    @Test
    void reportsExitStatusAndSeparateStderr() throws Exception {
        List<String> errLines = new CopyOnWriteArrayList<>();
        CommandResult r = shell.run(RemoteCommand.script("echo out; echo 'bad thing' >&2; exit 3"), new OutputListener() {
            @Override
            public void stderr(String line) {
                errLines.add(line);
            }
        });
        assertThat(r.exitStatus()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("bad thing\n");
        assertThat(errLines).containsExactly("bad thing");
        assertThat(shell.run(RemoteCommand.of("true")).exitStatus()).isZero();
        assertThat(shell.run(RemoteCommand.of("false")).exitStatus()).isEqualTo(1);
    }

    @Test
    void argumentsArriveExactlyAsGiven() throws Exception {
        String tricky = "it's $HOME `id` \"q\" ; rm -rf /nothing";
        CommandResult r = shell.run(RemoteCommand.of("printf", "%s", tricky));
        assertThat(r.stdout()).isEqualTo(tricky);
    }

    @Test
    void drainsTenMegabytesOnBothStreamsWithoutDeadlock() throws Exception {
        AtomicLong lines = new AtomicLong();
        CommandResult r = shell.run(RemoteCommand.script(
                        "head -c 10485760 /dev/zero | tr '\\0' 'x' | fold -w 1023; head -c 1048576 /dev/zero | tr '\\0' 'e' >&2; echo >&2")
                .withTimeout(Duration.ofSeconds(120)), new OutputListener() {
            @Override
            public void stdout(String line) {
                lines.incrementAndGet();
            }
        });
        assertThat(r.exitStatus()).isZero();
        // fold breaks after every 1023 characters; the last 10 characters end without a newline
        int fullLines = 10485760 / 1023;
        assertThat(r.stdout().length()).isEqualTo(10485760 + fullLines);
        assertThat(lines.get()).isEqualTo(fullLines + 1);
        assertThat(r.stderr().length()).isEqualTo(1048576 + 1);
    }

    @Test
    void stdinArrivesWholeThenEndsAndACommandMayIgnoreIt() throws Exception {
        String big = "s".repeat(2 * 1024 * 1024) + "\n";
        // more than the channel window: the writer must wait for the reader, and cat ends only on EOF
        CommandResult read = shell.run(RemoteCommand.script("wc -c").withStdin(big).withTimeout(Duration.ofSeconds(60)));
        assertThat(read.exitStatus()).isZero();
        assertThat(read.stdout().trim()).isEqualTo(String.valueOf(big.length()));
        assertThat(shell.run(RemoteCommand.script("cat").withTimeout(Duration.ofSeconds(20))).stdout()).isEmpty();
        // a command that exits without reading closes the channel under the writer: its status still counts
        CommandResult ignored = shell.run(RemoteCommand.script("exit 7").withStdin(big).withTimeout(Duration.ofSeconds(60)));
        assertThat(ignored.exitStatus()).isEqualTo(7);
    }

    @Test
    void runsCommandsInParallelOnOneConnection() throws Exception {
        long before = LAB.host(0).connectionsAccepted();
        Path barrier = Files.createTempDirectory("barrier");
        int n = JschShell.MAX_CHANNELS;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            // each command waits until all n have started: this only finishes if they run at the same time
            String script = "touch \"$2/$1\"; for i in $(seq 600); do [ $(ls \"$2\" | wc -l) -ge " + n
                    + " ] && break; sleep 0.1; done; echo $1; exit $1";
            List<Future<CommandResult>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = String.valueOf(i);
                all.add(pool.submit(() -> shell.run(RemoteCommand.script(script, id, barrier.toString()))));
            }
            for (int i = 0; i < n; i++) {
                CommandResult r = all.get(i).get();
                assertThat(r.exitStatus()).isEqualTo(i);
                assertThat(r.stdout()).isEqualTo(i + "\n");
                assertThat(r.elapsed()).as("did not wait out the 60 s barrier").isLessThan(Duration.ofSeconds(55));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(LAB.host(0).connectionsAccepted()).isEqualTo(before);
    }

    @Test
    void uploadsAtomicallyWithMode() throws Exception {
        Path dir = Files.createTempDirectory("upload");
        String target = dir.resolve("local.conf").toString();
        shell.upload(target, "first\n".getBytes(StandardCharsets.UTF_8), 0600);
        assertThat(Files.readString(Path.of(target))).isEqualTo("first\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(target)))).isEqualTo("rw-------");
        shell.upload(target, "second\n".getBytes(StandardCharsets.UTF_8), 0640);
        assertThat(Files.readString(Path.of(target))).isEqualTo("second\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(target)))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("local.conf");
        }
    }

    @Test
    void readsFromAByteOffset() throws Exception {
        Path f = Files.createTempFile("read", ".log");
        Files.writeString(f, "0123456789");
        assertThat(new String(shell.read(f.toString(), 3, 4), StandardCharsets.UTF_8)).isEqualTo("3456");
        assertThat(shell.read(f.toString(), 10, 4)).isEmpty();
        assertThatThrownBy(() -> shell.read(f + ".missing", 0, 4))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.NOT_FOUND));
    }

    @Test
    void stopsACommandOverItsTimeoutOnTheTarget() throws Exception {
        Path marker = Files.createTempFile("timeout", ".pid");
        long start = System.nanoTime();
        assertThatThrownBy(() -> shell.run(RemoteCommand.script("echo $$ > \"$1\"; sleep 301 & wait", marker.toString())
                .withTimeout(Duration.ofSeconds(4))))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long pid = Long.parseLong(Files.readString(marker).trim());
        // the script and its background sleep are both gone (timeout signals the whole process group)
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(shell.run(RemoteCommand.script("pgrep -fx 'sleep 301' || true")).stdout()).isEmpty();
    }

    @Test
    void secretOnStdinNeverAppearsInTheTargetsProcessList() throws Exception {
        String secret = "Zq7secretValue91";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Files.deleteIfExists(Path.of("/tmp/.secret-reader-up"));
            Files.deleteIfExists(Path.of("/tmp/.secret-reader-go"));
            // the reader stays up until the test has looked at the process list (the gate file), at most 30 s
            Future<CommandResult> user = pool.submit(() -> shell.run(RemoteCommand.script(
                    "read -r pw; touch /tmp/.secret-reader-up; "
                            + "for i in $(seq 300); do [ -e /tmp/.secret-reader-go ] && break; sleep 0.1; done; "
                            + "printf %s \"$pw\" | sha256sum")
                    .withStdin(secret + "\n")));
            await("the reader started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(Path.of("/tmp/.secret-reader-up")));
            String ps = shell.run(RemoteCommand.of("ps", "-eo", "args")).stdout();
            Files.writeString(Path.of("/tmp/.secret-reader-go"), "");
            assertThat(ps).contains("read -r pw");
            assertThat(ps).doesNotContain(secret);
            // the command did receive the secret
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            String expected = java.util.HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
            assertThat(user.get().stdout()).startsWith(expected);
        } finally {
            Files.deleteIfExists(Path.of("/tmp/.secret-reader-up"));
            Files.deleteIfExists(Path.of("/tmp/.secret-reader-up"));
            Files.deleteIfExists(Path.of("/tmp/.secret-reader-go"));
            pool.shutdownNow();
        }
    }

    @Test
    void runsAsRootThroughSudo() throws Exception {
        CommandResult r = shell.run(RemoteCommand.of("id", "-u").asRoot());
        assertThat(r.stdout()).isEqualTo("0\n");
    }

    /**
     * A JVM that exits while a thread is blocked in a native socket read waits up to 300 ms for it: close
     * must return only once the session's reader has left its read, and that reader must not hold the JVM up.
     * (The mechanism is asserted, not an exit time.)
     */
    @Test
    void closeReturnsOnlyAfterTheSessionReaderEnded() throws Exception {
        JschShell own = (JschShell) new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE)
                .open(LAB.target(0));
        List<Thread> readers;
        try {
            assertThat(own.run(RemoteCommand.of("true")).exitStatus()).isZero();
            readers = own.transportThreads();
            // connected: the session's reader is up, blocked in its socket read, and never keeps the JVM alive
            assertThat(readers).isNotEmpty().allSatisfy(reader -> {
                assertThat(reader.isAlive()).isTrue();
                assertThat(reader.isDaemon()).isTrue();
            });
        } finally {
            own.close();
        }
        // checked at once, no waiting here: close itself waited
        assertThat(readers).noneMatch(Thread::isAlive);
        assertThat(own.transportThreads()).isEmpty();
    }
}
