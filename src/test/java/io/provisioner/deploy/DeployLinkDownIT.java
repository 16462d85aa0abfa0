package io.provisioner.deploy;

import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.Requirements;
import io.provisioner.lab.SshLabKeys;
import io.provisioner.lab.SshdHost;
import io.provisioner.sandbox.SandboxHost;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSH link to a host is down for 30 s while stack.sh runs: the deploy rides it out (stack.sh is
 * detached; the follow reconnects and goes on from the byte offset it had reached), stack.sh runs once
 * and the local copy of the log is the target's log, whole.
 *
 * <p>The host: a real OpenSSH sshd inside a network namespace, reached over a veth pair; its sessions see
 * the sandbox host's root (simulator tree, stand-ins, SIM_* environment via SetEnv). Each session's
 * command runs back in this machine's network namespace, where the sandbox serves the host's endpoints
 * on its HOST_IP; so only the SSH connection crosses the veth, and pulling the cable cuts exactly that.
 */
class DeployLinkDownIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Ten times the sandbox's default: stack.sh takes some 30-40 s, so it spans the outage or most of it. */
    private static final String TIME_SCALE = "0.02";

    @TempDir
    Path dir;

    @Test
    void thirtySecondsOfLinkDownMidStackShAreRiddenOutWithOneRunAndTheWholeLog() throws Exception {
        NetNamespace.require();
        Requirements.requireExecutable(SshdHost.SSHD);
        Requirements.requireExecutable("/usr/bin/nsenter");
        Requirements.requireExecutable("/usr/lib/openssh/sftp-server");
        SshLabKeys keys = SshLabKeys.createTemp("linkdown");
        // baseDir null: the lab's own root is 0755, a @TempDir is 0700, which DevStack refuses for $DEST's parents
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "current", Set.of("none"), null, false));
             NetNamespace ns = NetNamespace.create();
             SshdHost sshd = SshdHost.inNamespace("linkdown", ns, keys.dir().resolve("sshd"), keys.authorizedKeys())) {
            SandboxHost host = lab.hosts().get(0);
            sshd.withConfig(sessionConfig(lab, host, keys.dir())).start();
            keys.writeKnownHosts(List.of(sshd), false);
            Path spec = FaultLab.specFor(lab, dir.resolve("hosts.yaml"), 0, Map.of(host.name(),
                    "    address: " + ns.address() + "\n"
                            + "    ssh: {user: root, port: 22, identity: '" + keys.clientKey() + "', known_hosts: '"
                            + keys.knownHosts() + "', host_keys: strict}\n"
                            // connect 5s: keepalive every 5 s, so the dead link is noticed well inside the outage
                            + "    timeouts: {stack: 10m, command: 3m, connect: 5s}\n"));
            Path state = dir.resolve("state");
            Path reports = dir.resolve("report");
            Path out = dir.resolve("deploy.log");
            Path stateDir = Path.of(host.paths().stateDir());
            Path remoteLog = stateDir.resolve("stack-1.log");

            // ovs: the sandbox's ovs-vsctl stand-in can exceed preflight's 10 s limit on a loaded machine
            Process deploy = FaultLab.start(out, "deploy", "-f", spec.toString(), "--state-dir", state.toString(),
                    "--report-dir", reports.toString(), "--skip-check", "ovs");
            int exit;
            try {
                await("stack.sh started and has written output").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200))
                        .failFast(() -> {
                            if (!deploy.isAlive()) {
                                throw new AssertionError("the deploy ended before stack.sh: " + FaultLab.read(out));
                            }
                        })
                        // the follow has read some of the log (the log merely having bytes on the target is not
                        // enough: a cut before the first poll would be ridden out from byte 0, not this test)
                        .until(() -> FaultLab.followingStack(state));
                assertThat(stateDir.resolve("stack-1.exit")).as("stack.sh still running as the link goes down")
                        .doesNotExist();
                ns.unplug();
                try {
                    Thread.sleep(OUTAGE.toMillis());
                } finally {
                    ns.plugIn();
                }
                if (!deploy.waitFor(4, TimeUnit.MINUTES)) {
                    throw new AssertionError("deploy did not finish within 4 minutes: " + FaultLab.read(out));
                }
                exit = deploy.exitValue();
            } finally {
                deploy.destroyForcibly().waitFor();
            }

            String console = FaultLab.read(out);
            assertThat(exit).as(console).isZero();

            // one run: one attempt's files, one start of the simulator in its log, one end
            try (Stream<Path> files = Files.list(stateDir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stack-")).sorted())
                        .containsExactly("stack-1.exit", "stack-1.log");
            }
            assertThat(Files.readString(stateDir.resolve("stack-1.exit")).strip()).isEqualTo("0");
            String target = Files.readString(remoteLog);
            String firstLine = target.lines().findFirst().orElseThrow();
            assertThat(target.lines().filter(firstLine::equals)).as("the log's first line, once").hasSize(1);
            assertThat(target.split("stack.sh completed", -1)).as("one end of stack.sh").hasSize(2);

            // the local copy (masked as every sink is) is the target's log: no gap, no line twice
            String local = Files.readString(reports.resolve(host.name() + "-stack.sh.log"));
            assertThat(local).isEqualTo(SpecLoader.load(spec, Map.of()).masker().mask(target));

            // the journal says the connection was lost and re-established, following on from the same byte
            List<JournalRecord> stack = Journal.read(state).stream().filter(r -> r.step().equals("stack")).toList();
            assertThat(stack).filteredOn(r -> "started".equals(r.detail())).hasSize(1);
            List<JournalRecord> lost = stack.stream().filter(r -> "lost".equals(r.data().get("connection"))).toList();
            List<JournalRecord> back = stack.stream()
                    .filter(r -> "reconnected".equals(r.data().get("connection"))).toList();
            assertThat(lost).as(console).isNotEmpty();
            assertThat(back).hasSameSizeAs(lost);
            assertThat(back.get(0).data().get("offset")).isEqualTo(lost.get(0).data().get("offset"));
            assertThat(Long.parseLong(lost.get(0).data().get("offset"))).isPositive();
            assertThat(sshd.connectionsAccepted()).as("a second SSH connection after the outage").isGreaterThan(1);
        } finally {
            keys.deleteAll();
        }
    }

    /**
     * sshd_config lines: the sandbox host's environment for every session, and a forced command that runs
     * the requested command in this machine's network namespace (SFTP stays sshd's own server).
     */
    private static List<String> sessionConfig(SandboxLab lab, SandboxHost host, Path keysDir) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(lab.environment(host));
        env.put("SIM_TIME_SCALE", TIME_SCALE);
        Path session = keysDir.resolve("session.sh");
        Files.writeString(session, """
                #!/bin/bash
                if [ "$SSH_ORIGINAL_COMMAND" = internal-sftp ]; then exec /usr/lib/openssh/sftp-server; fi
                exec /usr/bin/nsenter --net=/proc/%d/ns/net -- /bin/bash -c "$SSH_ORIGINAL_COMMAND"
                """.formatted(ProcessHandle.current().pid()));
        Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("rwxr-xr-x"));
        // one SetEnv line: sshd keeps the first SetEnv directive and ignores later ones
        StringBuilder setEnv = new StringBuilder("SetEnv");
        env.forEach((k, v) -> setEnv.append(" \"").append(k).append('=').append(v).append('"'));
        return List.of(setEnv.toString(), "ForceCommand " + session);
    }
}
