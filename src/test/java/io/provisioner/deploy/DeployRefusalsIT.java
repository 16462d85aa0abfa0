package io.provisioner.deploy;

import io.provisioner.cli.Main;
import io.provisioner.lab.FreePort;
import io.provisioner.lab.SshdHost;
import io.provisioner.lab.SshdLab;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deploys that must stop before touching DevStack: a host nobody answers on, a host whose key changed, a
 * host another provisioner holds. Real sshd and real sockets; the provisioner runs through its CLI.
 */
class DeployRefusalsIT {
    @TempDir
    Path dir;

    private record Outcome(int exit, String text) {
    }

    private Outcome deploy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(ps, ps, args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Path specOneHost(String name, String address, int port, Path identity, Path knownHosts) throws Exception {
        Path f = dir.resolve("hosts.yaml");
        Files.writeString(f, "version: 1\ndefaults:\n" + FaultLab.DEFAULTS.formatted(0) + """
                hosts:
                  - name: %s
                    address: %s
                    role: controller
                    ssh: {user: root, port: %d, identity: '%s', known_hosts: '%s', host_keys: strict}
                    devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: '%s'}
                    paths: {state_dir: '%s'}
                """.formatted(name, address, port, identity, knownHosts, dir.resolve("devstack"), dir.resolve("remote-state")));
        return f;
    }

    @Test
    void unreachableHostExitsThreeNamingIt() throws Exception {
        // a loopback port with nothing listening: the kernel refuses at once
        int port = FreePort.on("127.0.0.1");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("known_hosts"), "");
        Files.writeString(keys.resolve("id"), "not used: the connection is refused before authentication\n");
        Path spec = specOneHost("gone-host", "127.0.0.1", port, keys.resolve("id"), keys.resolve("known_hosts"));

        Outcome o = deploy("deploy", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(o.exit()).as(o.text()).isEqualTo(3);
        assertThat(o.text()).contains("gone-host").containsIgnoringCase("unreachable");
        assertThat(Journal.read(dir.resolve("state"))).noneMatch(r -> r.step().equals("stack"));
    }

    @Test
    void refusesChangedHostKeyWithTheKeygenRemedy() throws Exception {
        SshdLab lab = SshdLab.loopback(1).start();
        try {
            SshdHost host = lab.host(0);
            // known_hosts has the key recorded before the "reinstall"
            Path knownHosts = lab.keys().knownHosts();
            assertThat(Files.readString(knownHosts)).contains(host.knownHostsLine());
            host.changeHostKey();
            assertThat(Files.readString(knownHosts)).doesNotContain(host.knownHostsLine());
            Path spec = specOneHost("rekeyed", host.address(), host.port(), lab.keys().clientKey(), knownHosts);

            Outcome o = deploy("deploy", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());

            assertThat(o.exit()).as(o.text()).isEqualTo(3);
            assertThat(o.text()).contains("rekeyed").contains("ssh-keygen -f " + knownHosts + " -R");
            assertThat(Journal.read(dir.resolve("state"))).noneMatch(r -> r.step().equals("preflight"));
        } finally {
            lab.close();
        }
    }

    @Test
    void secondProvisionerOnOneHostIsRefusedNamingTheHolder() throws Exception {
        // slow: the first deploy's stack.sh runs some 30 s, so it still holds the lease when the second comes
        try (SandboxLab lab = FaultLab.slowLab(new SandboxOptions(1, "current", Set.of("none"), null, false))) {
            Path spec = FaultLab.specFor(lab, dir.resolve("hosts.yaml"), 0);
            Path firstState = dir.resolve("first-state");
            // ovs: the sandbox's ovs-vsctl stand-in can exceed preflight's 10 s limit on a loaded machine
            Process first = FaultLab.start(dir.resolve("first.log"), "deploy", "-f", spec.toString(),
                    "--state-dir", firstState.toString(), "--skip-check", "ovs");
            try {
                // its stack.sh is running (the launcher's record names the log): the first holds the lease
                // and will for as long as stack.sh runs
                await("the first provisioner holds the lease").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(300)).failFast(() -> !first.isAlive())
                        .until(() -> Journal.read(firstState).stream()
                                .anyMatch(r -> r.step().equals("stack") && r.data().containsKey("log")));

                Outcome second = deploy("deploy", "-f", spec.toString(), "--state-dir", dir.resolve("second-state").toString());

                assertThat(first.isAlive()).as("the first provisioner still runs").isTrue();
                assertThat(second.exit()).as(second.text()).isEqualTo(1);
                assertThat(second.text()).contains("another provisioner is deploying")
                        .contains("pid " + first.pid());
                // refused at connect: it never reached preflight, let alone stack.sh
                assertThat(Journal.read(dir.resolve("second-state")))
                        .noneMatch(r -> r.step().equals("preflight") || r.step().equals("stack"));
            } finally {
                first.destroyForcibly().waitFor();
            }
        }
    }
}
