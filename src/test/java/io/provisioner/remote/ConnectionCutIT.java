package io.provisioner.remote;

import io.provisioner.lab.LabCommand;
import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.Requirements;
import io.provisioner.lab.SshLabKeys;
import io.provisioner.lab.SshdHost;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A host in its own network namespace loses its link mid-run: the run goes on, we re-attach, nothing is lost. */
class ConnectionCutIT {
    /** Root login, lab key, strict known_hosts; short keepalive so a cut link is noticed in seconds. */
    private static SshTarget target(NetNamespace ns, SshLabKeys keys) {
        return new SshTarget("ns0", ns.address(), 22, "root", keys.clientKey().toString(), null,
                keys.knownHosts().toString(), HostKeyCheck.STRICT, null, Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    @Test
    void aCutConnectionLosesNoLogLineAndRunsTheCommandOnce() throws Exception {
        NetNamespace.require();
        Requirements.requireExecutable(SshdHost.SSHD);
        SshLabKeys keys = SshLabKeys.createTemp("cut");
        try (NetNamespace ns = NetNamespace.create();
             SshdHost sshd = SshdHost.inNamespace("ns0", ns, keys.dir().resolve("ns0"), keys.authorizedKeys())) {
            sshd.start();
            keys.writeKnownHosts(List.of(sshd), false);
            cutMidRun(ns, keys);
        } finally {
            keys.deleteAll();
        }
    }

    private static void cutMidRun(NetNamespace ns, SshLabKeys keys) throws Exception {
        Connector connector = new Connector(Map.of(), null, Path.of("/nonexistent"),
                new Connector.Backoff(3, Duration.ofMillis(300), Duration.ofSeconds(1)));
        // the namespace shares this machine's file system: the run's directory is removed here, whatever happens
        String dir = "/tmp/cut-" + ProcessHandle.current().pid();
        DetachedSpec spec = new DetachedSpec("cut", List.of("bash", "-c",
                "echo started >> runs; for i in $(seq 1 40); do echo line$i; sleep 0.25; done"),
                dir, dir + "/run.log", dir + "/run.exit", dir + "/run.lock", Map.of(), null);
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (RemoteShell shell = connector.open(target(ns, keys))) {
            shell.run(RemoteCommand.of("mkdir", "-p", dir));
            DetachedRun.start(shell, spec);
            LogFollower follower = new LogFollower(() -> shell, spec, 0, lines::add);
            Future<DetachedStatus> end = pool.submit(() -> follower.followToEnd(Duration.ofMillis(200), Duration.ofSeconds(60)));
            await("three lines followed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lines.size() >= 3);
            ns.unplug();
            // down until the follower has noticed (keepalive 1 s x 3 declares the connection dead), at most 30 s
            await("the outage noticed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> follower.outages() >= 1);
            ns.plugIn();
            DetachedStatus st = end.get();
            assertThat(st.state()).isEqualTo(DetachedStatus.State.FINISHED);
            assertThat(st.exitCode()).isZero();
            assertThat(follower.outages()).isGreaterThanOrEqualTo(1);
            // starting again after the end does not run it again
            DetachedRun.start(shell, spec);
            assertThat(shell.run(RemoteCommand.of("cat", dir + "/runs")).stdout()).isEqualTo("started\n");
        } finally {
            pool.shutdownNow();
            ns.plugIn();
            LabCommand.tryRun(List.of("rm", "-rf", "--", dir));
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            expected.add("line" + i);
        }
        assertThat(lines).containsExactlyElementsOf(expected);
    }
}
