package io.provisioner.cli;

import io.provisioner.lab.FreePort;
import io.provisioner.lab.LabCommand;
import io.provisioner.lab.LabUser;
import io.provisioner.lab.SshdHost;
import io.provisioner.lab.SshdLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code provisioner preflight} against real sshd: its exit codes (0 all pass, 1 a check failed, 3 a host
 * unreachable) and one connection per host (the connect is the reachability check; no probe beforehand).
 */
class PreflightCommandIT {
    /** A non-root login with passwordless sudo, as DevStack's stack user has. */
    private static final String STACK = "pvpstack";
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/90-" + STACK);

    @RegisterExtension
    static final SshdLab LAB = SshdLab.loopback(2);

    private static LabUser stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void stackUser() throws Exception {
        stack = LabUser.ensure(STACK);
        Files.writeString(SUDOERS, STACK + " ALL=(ALL) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
    }

    @AfterAll
    static void removeStackUser() throws Exception {
        Files.deleteIfExists(SUDOERS);
        if (stack != null) {
            stack.close();
        }
    }

    private record Run(int exit, String out) {
    }

    private Run preflight(String spec, String... more) throws Exception {
        Path f = Files.writeString(dir.resolve("hosts.yaml"), spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("preflight", "-f", f.toString()));
        args.addAll(List.of(more));
        int exit = Main.run(ps, ps, args.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private String spec(String user, String hosts) {
        return """
                version: 1
                defaults:
                  ssh: {user: %s, identity: '%s', known_hosts: '%s', host_keys: strict}
                  devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: '%s'}
                  git_base: https://opendev.org
                  passwords: {admin: pcadmin1, database: pcdb1, rabbit: pcrabbit1, service: pcsvc1}
                  timeouts: {connect: 5s}
                hosts:
                %s""".formatted(user, LAB.keys().clientKey(), LAB.keys().knownHosts(), dir.resolve("devstack"), hosts);
    }

    private static String host(String name, String role, SshdHost h) {
        return host(name, role, h.address(), h.port());
    }

    private static String host(String name, String role, String address, int port) {
        return "  - {name: %s, address: %s, role: %s, ssh: {port: %d}}\n".formatted(name, address, role, port);
    }

    /** The checks that need this machine to be a DevStack-ready host beyond what a lab user can be. */
    private static final String[] MACHINE_SPECIFIC = {"--skip-check", "git,apt,proxy,ports,disk,cpu,memory"};

    @Test
    void aReadyStackUserOnEveryHostExitsZero() throws Exception {
        long[] before = LAB.hosts().stream().mapToLong(SshdHost::connectionsAccepted).toArray();

        Run r = preflight(spec(STACK, host("ctl", "controller", LAB.host(0)) + host("cmp", "compute", LAB.host(1))),
                MACHINE_SPECIFIC);

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("ctl", "cmp").containsPattern("ctl\\s+pass\\s+sudo")
                .doesNotContainPattern("\\sfail\\s");
        // one SSH connection per host: the connect itself told that the host is reachable
        for (int i = 0; i < 2; i++) {
            assertThat(LAB.host(i).connectionsAccepted() - before[i]).as("connections to host " + i).isEqualTo(1);
        }
    }

    @Test
    void aFailedCheckExitsOne() throws Exception {
        // root logs in fine, but stack.sh refuses to run as root
        Run r = preflight(spec("root", host("ctl", "controller", LAB.host(0))), MACHINE_SPECIFIC);

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).containsPattern("ctl\\s+fail\\s+non-root");
    }

    @Test
    void anUnreachableHostExitsThreeNamingItWhileTheOthersAreChecked() throws Exception {
        int closed = FreePort.on("127.0.0.1");

        Run r = preflight(spec(STACK, host("ctl", "controller", LAB.host(0))
                + host("gone", "compute", "127.0.0.1", closed)), MACHINE_SPECIFIC);

        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).containsPattern("gone\\s+fail\\s+reachable\\s.*127\\.0\\.0\\.1")
                .containsPattern("ctl\\s+pass\\s+sudo");
    }

    @Test
    void aRefusedKeyIsAReachableHostThatWouldNotLetUsIn() throws Exception {
        Path stranger = dir.resolve("stranger");
        LabCommand.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        String spec = spec(STACK, host("ctl", "controller", LAB.host(0)))
                .replace(LAB.keys().clientKey().toString(), stranger.toString());

        Run r = preflight(spec, MACHINE_SPECIFIC);

        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).containsPattern("ctl\\s+pass\\s+reachable").containsPattern("ctl\\s+fail\\s+auth\\s.*refused our key");
    }
}
