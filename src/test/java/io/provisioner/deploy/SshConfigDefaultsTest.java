package io.provisioner.deploy;

import io.provisioner.remote.Connector;
import io.provisioner.spec.Host;
import io.provisioner.spec.SshSettings;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSH fields a spec leaves out come from ~/.ssh/config, as `ssh host` would take them; the spec's own win. */
class SshConfigDefaultsTest {
    @TempDir
    Path home;

    private Spec withConfig(String sshConfig, String hosts) throws Exception {
        Path config = Files.createDirectories(home.resolve(".ssh")).resolve("config");
        Files.writeString(config, sshConfig);
        Spec spec = TestSpecs.load(home, """
                version: 1
                defaults:
                  devstack: {repo: https://opendev.org/openstack/devstack, ref: master}
                  passwords: {admin: scadmin1, database: scdb1, rabbit: scrabbit1, service: scsvc1}
                hosts:
                %s""".formatted(hosts));
        return SshConfigDefaults.apply(spec, new Connector(Map.of(), config, home, Connector.Backoff.NONE));
    }

    private static SshSettings ssh(Spec spec, String host) {
        return spec.hosts().stream().filter(h -> h.name().equals(host)).map(Host::ssh).findFirst().orElseThrow();
    }

    @Test
    void whatTheSpecLeavesOutComesFromTheHostsSshConfigEntry() throws Exception {
        Spec spec = withConfig("""
                Host lab1.example
                  User ubuntu
                  Port 2222
                  IdentityFile ~/.ssh/lab_ed25519
                  UserKnownHostsFile ~/.ssh/lab_known_hosts
                """, "  - {name: lab1, address: lab1.example, role: controller}\n");

        SshSettings s = ssh(spec, "lab1");
        assertThat(s.user()).isEqualTo("ubuntu");
        assertThat(s.port()).isEqualTo(2222);
        assertThat(s.identity()).isEqualTo(home.resolve(".ssh/lab_ed25519").toString());
        assertThat(s.knownHosts()).isEqualTo(home.resolve(".ssh/lab_known_hosts").toString());
        assertThat(s.defaulted()).isEmpty();
    }

    @Test
    void whatTheSpecSaysWinsOverSshConfig() throws Exception {
        Spec spec = withConfig("""
                Host lab1.example
                  User ubuntu
                  Port 2222
                  IdentityFile ~/.ssh/lab_ed25519
                """, "  - {name: lab1, address: lab1.example, role: controller, ssh: {user: stack, port: 22}}\n");

        SshSettings s = ssh(spec, "lab1");
        assertThat(s.user()).isEqualTo("stack");
        assertThat(s.port()).isEqualTo(22);
        // not given in the spec: the config's
        assertThat(s.identity()).isEqualTo(home.resolve(".ssh/lab_ed25519").toString());
    }

    @Test
    void aHostSshConfigDoesNotNameKeepsTheSpecDefaults() throws Exception {
        Spec spec = withConfig("""
                Host other.example
                  User ubuntu
                  Port 2222
                """, "  - {name: lab1, address: lab1.example, role: controller}\n");

        SshSettings s = ssh(spec, "lab1");
        assertThat(s.user()).isEqualTo("stack");
        assertThat(s.port()).isEqualTo(22);
        assertThat(s.identity()).endsWith("/.ssh/id_ed25519");
        assertThat(s.defaulted()).containsExactlyInAnyOrder(SshSettings.USER, SshSettings.PORT, SshSettings.IDENTITY,
                SshSettings.KNOWN_HOSTS);
    }

    @Test
    void aDefaultedIdentityIsLeftToOpenSshsDefaultsAndTheAgent() throws Exception {
        Spec spec = withConfig("Host other.example\n  User ubuntu\n",
                "  - {name: lab1, address: lab1.example, role: controller, host_ip: 10.0.0.1}\n"
                        + "  - {name: lab2, address: lab2.example, role: compute, ssh: {identity: /keys/lab2}}\n");

        // none given: the connector offers whichever of id_ed25519, id_ecdsa, id_rsa exist, and the agent's keys
        assertThat(SshHostConnector.target(spec.hosts().get(0)).identityFile()).isNull();
        assertThat(SshHostConnector.target(spec.hosts().get(1)).identityFile()).isEqualTo("/keys/lab2");
    }

    @Test
    void aLocalHostIsNotAnSshHost() throws Exception {
        Spec spec = withConfig("Host *\n  User ubuntu\n", "  - {name: lab1, address: local, role: controller}\n");

        assertThat(ssh(spec, "lab1").user()).isEqualTo("stack");
    }
}
