package io.provisioner.sandbox;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxLabTest {
    @Test
    void hostsAcceptTheLabKeyOverStrictHostKeysAndRunAsTheStackUser(@TempDir Path base) throws Exception {
        Path root;
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(2, "current", Set.of("none"), base, false))) {
            root = lab.root();
            assertThat(lab.hosts()).hasSize(2);
            // each host's key under 127.0.0.1, localhost and its own HOST_IP, where its SSH server also listens
            List<String> known = Files.readAllLines(lab.knownHostsFile());
            assertThat(known).hasSize(6).allMatch(line -> line.matches("\\[(127\\.\\d+\\.\\d+\\.\\d+|localhost)\\]:\\d+ ecdsa-sha2-nistp256 \\S+"));
            for (SandboxHost host : lab.hosts()) {
                assertThat(known).anyMatch(line -> line.startsWith("[127.0.0.1]:" + host.port() + " "))
                        .anyMatch(line -> line.startsWith("[" + host.hostIp() + "]:" + host.port() + " "));
            }
            assertThat(Files.getPosixFilePermissions(lab.identityFile())).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            for (SandboxHost host : lab.hosts()) {
                assertThat(host.root()).startsWith(lab.root());
                assertThat(host.paths().ovsDbSock()).startsWith(host.root().toString());
                try (LabShell shell = new LabShell(lab, host)) {
                    LabShell.Result result = shell.run("id -un; id -u; echo $HOME; cat /dev/null; exit 3");
                    assertThat(result.exit()).isEqualTo(3);
                    assertThat(result.out()).isEqualTo("stack\n1001\n" + host.home() + "\n");
                    // the simulator tree clones from the host's devstack repository
                    assertThat(shell.run("git ls-remote " + host.devstackRepo() + " master").out()).contains("refs/heads/master");
                }
            }
            assertThat(lab.hosts().get(0).hostIp()).isNotEqualTo(lab.hosts().get(1).hostIp());
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void hostsRefuseAnyOtherKey(@TempDir Path tmp) throws Exception {
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "current", Set.of("none"), null, false))) {
            JSch jsch = new JSch();
            KeyPair other = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
            other.writePrivateKey(tmp.resolve("other").toString());
            jsch.addIdentity(tmp.resolve("other").toString());
            jsch.setKnownHosts(lab.knownHostsFile().toString());
            SandboxHost host = lab.hosts().get(0);
            Session session = jsch.getSession("stack", host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            assertThatThrownBy(() -> session.connect(10_000)).isInstanceOf(JSchException.class)
                    .hasMessageContaining("Auth fail");
        }
    }
}
