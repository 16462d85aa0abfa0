package io.provisioner.docker;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Docker lab targets, each with host keys of its own: the provisioner image records the first target's
 * key on first contact (accept-new), and when that address answers with another host's key (a rebuilt or
 * impersonated target) it refuses to log in and says the key changed.
 */
class TargetHostKeyDockerIT {
    @TempDir
    Path lab;

    @BeforeAll
    @Timeout(value = DockerImages.BUILD_MINUTES, unit = TimeUnit.MINUTES)
    static void images() throws Exception {
        DockerImages.ensureBuilt("provisioner", "target");
    }

    static GenericContainer<?> target(Network network, String publicKey, String faults) {
        return new GenericContainer<>(DockerImageName.parse(DockerImages.TARGET))
                .withNetwork(network)
                .withEnv("AUTHORIZED_KEY", publicKey)
                .withEnv("FAULTS", faults)
                .waitingFor(Wait.forLogMessage(".*target ready.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    static String addressOn(GenericContainer<?> container, Network network) {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID())).findFirst().orElseThrow().getIpAddress();
    }

    /** A lab directory the image's user (uid 1000) may use: an SSH key and a state directory. */
    static String prepareLab(Path lab) throws Exception {
        Files.createDirectories(lab.resolve("keys"));
        Files.createDirectories(lab.resolve("state"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                lab.resolve("keys/id_ed25519").toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        Process chown = new ProcessBuilder("chown", "-R", "1000:1000", lab.toString()).start();
        assertThat(chown.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(lab.resolve("keys/id_ed25519.pub")).strip();
    }

    static String spec(String address) {
        return """
                version: 1
                defaults:
                  ssh: {user: stack, identity: keys/id_ed25519, known_hosts: state/known_hosts, host_keys: accept-new}
                  passwords: {admin: keyadmin, database: keydb, rabbit: keyrabbit, service: keyservice}
                hosts:
                  - {name: lab1, address: %s, role: controller}
                """.formatted(address);
    }

    @Test
    void aTargetAnsweringWithAnotherKeyIsRefused() throws Exception {
        String publicKey = prepareLab(lab);
        try (Network network = Network.newNetwork();
             GenericContainer<?> first = target(network, publicKey, "none");
             GenericContainer<?> second = target(network, publicKey, "none")) {
            first.start();
            second.start();
            String firstAddress = addressOn(first, network);
            String secondAddress = addressOn(second, network);

            Files.writeString(lab.resolve("lab.yaml"), spec(firstAddress));
            DockerImages.Run known = DockerImages.provisioner(network.getId(), lab, 5, "preflight", "-f", "lab.yaml");
            assertThat(known.exit()).as(known.out()).isNotEqualTo(3);
            String recorded = Files.readString(lab.resolve("state/known_hosts"));
            assertThat(recorded).as("accept-new recorded the first target's key").contains(firstAddress);

            // the address now answers with a different host's key (the target was rebuilt or is an impostor)
            Files.writeString(lab.resolve("state/known_hosts"), recorded.replace(firstAddress, secondAddress));
            Files.writeString(lab.resolve("lab.yaml"), spec(secondAddress));
            DockerImages.Run changed = DockerImages.provisioner(network.getId(), lab, 5, "preflight", "-f", "lab.yaml");
            assertThat(changed.exit()).as(changed.out()).isEqualTo(3);
            assertThat(changed.out()).contains("CHANGED").contains("lab1");
        }
    }
}
