package io.provisioner.remote;

import io.provisioner.lab.ClassLab;
import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.NetNamespaceDelayLine;
import io.provisioner.lab.SshLabKeys;
import io.provisioner.lab.SshdHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real sshd behind a slow, lossy path: 60 ms each way and 3 % of packets dropped in both directions.
 * This kernel has no {@code sch_netem}, so the path is {@link NetNamespaceDelayLine} (tun devices and a
 * user-space relay that holds and drops packets); the kernel's TCP sees the same latency and loss that
 * netem would give it and retransmits as it would. Commands, uploads and a followed detached run must
 * come through complete and in order.
 */
class DegradedLinkIT {
    @RegisterExtension
    static final ClassLab<NetNamespace> NAMESPACE = NetNamespace.perClass();
    static NetNamespace ns;
    static NetNamespaceDelayLine slow;
    static SshLabKeys keys;
    static SshdHost sshd;
    static Connector connector = new Connector(Map.of(), null, Path.of("/nonexistent"),
            new Connector.Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(2)));

    @BeforeAll
    static void start() {
        ns = NAMESPACE.get();
        slow = ns.delayLine(Duration.ofMillis(60), 3);
        keys = SshLabKeys.createTemp("degraded");
        sshd = SshdHost.onAddress("slow", slow.address(), ns, keys.dir().resolve("slow"), keys.authorizedKeys()).start();
        keys.writeKnownHosts(List.of(sshd), false);
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        // the namespace's ClassLab closes it after this, and the delay line with it
        if (keys != null) {
            keys.deleteAll();
        }
    }

    static SshTarget target() {
        return new SshTarget("slow", slow.address(), 22, "root", keys.clientKey().toString(), null,
                keys.knownHosts().toString(), HostKeyCheck.STRICT, null, Duration.ofSeconds(20), Duration.ofSeconds(5));
    }

    @Test
    void theLinkReallyIsSlow() throws Exception {
        try (RemoteShell shell = connector.open(target())) {
            long start = System.nanoTime();
            assertThat(shell.run(RemoteCommand.of("true")).exitStatus()).isZero();
            // one request and its reply cross the path at least once each way: >= 120 ms
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        }
    }

    @Test
    void halfAMegabyteOfOutputArrivesWholeAndInOrder() throws Exception {
        try (RemoteShell shell = connector.open(target())) {
            CommandResult r = shell.run(RemoteCommand.script(
                    "head -c 524288 /dev/urandom > /tmp/degraded.bin; sha256sum < /tmp/degraded.bin | cut -d' ' -f1 >&2; "
                            + "base64 -w 76 /tmp/degraded.bin; rm -f /tmp/degraded.bin").withTimeout(Duration.ofMinutes(3)));
            assertThat(r.exitStatus()).isZero();
            byte[] data = java.util.Base64.getMimeDecoder().decode(r.stdout());
            assertThat(data).hasSize(524288);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
                    .isEqualTo(r.stderr().trim());
        }
    }

    @Test
    void anUploadArrivesWithItsContentAndMode() throws Exception {
        byte[] content = new byte[512 * 1024];
        new java.util.Random(7).nextBytes(content);
        String path = "/tmp/degraded-upload-" + ProcessHandle.current().pid();
        try (RemoteShell shell = connector.open(target())) {
            shell.upload(path, content, 0600);
            CommandResult r = shell.run(RemoteCommand.script("stat -c %a \"$1\"; sha256sum < \"$1\" | cut -d' ' -f1; rm -f \"$1\"", path));
            assertThat(r.stdout().lines().toList()).containsExactly("600",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
    }

    @Test
    void aFollowedDetachedRunLosesNoLine() throws Exception {
        String dir = "/tmp/degraded-run-" + ProcessHandle.current().pid();
        DetachedSpec spec = new DetachedSpec("slow-run", List.of("bash", "-c",
                "for i in $(seq 1 300); do echo line$i; [ $((i % 50)) = 0 ] && sleep 0.2; done; exit 3"),
                dir, dir + "/run.log", dir + "/run.exit", dir + "/run.lock", Map.of(), null);
        List<String> lines = new CopyOnWriteArrayList<>();
        try (RemoteShell shell = connector.open(target())) {
            shell.run(RemoteCommand.of("mkdir", "-p", dir));
            DetachedRun.start(shell, spec);
            DetachedStatus end = new LogFollower(() -> shell, spec, 0, lines::add)
                    .followToEnd(Duration.ofMillis(200), Duration.ofMinutes(2));
            assertThat(end.exitCode()).isEqualTo(3);
            shell.run(RemoteCommand.of("rm", "-rf", dir));
        }
        assertThat(lines).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(lines.get(i)).isEqualTo("line" + (i + 1));
        }
    }
}
