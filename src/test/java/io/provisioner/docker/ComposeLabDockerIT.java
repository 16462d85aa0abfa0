package io.provisioner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.lab.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml as a user runs it: two targets with the seed article's six faults, the lab's tinyproxy,
 * and the provisioner's real (non-sandbox) deploy over SSH on the lab bridge. It ends healthy, and the report
 * names what repaired each fault; no-proxy never fails, because a spec that names its hosts by address gets a
 * no_proxy with every HOST_IP. ovs-socket is the one a real sshd makes hard: the fix-up adds the stack user to
 * the socket's group, which a running login does not get, so the deploy logs in again before the next run.
 */
class ComposeLabDockerIT {
    @TempDir
    Path work;

    @BeforeAll
    @Timeout(value = DockerImages.BUILD_MINUTES, unit = TimeUnit.MINUTES)
    static void images() throws Exception {
        Requirements.requireExecutable("/usr/bin/docker-compose");
        DockerImages.ensureBuilt("provisioner", "target");
    }

    private static int run(Path dir, Path log, long minutes, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // compose up may take 20 (below), then down
    void theSeedLabEndsHealthyWithTheFixupsNamed() throws Exception {
        Path root = DockerImages.repositoryRoot();
        Path docker = Files.createDirectories(work.resolve("docker"));
        Files.copy(root.resolve("docker/compose.yaml"), docker.resolve("compose.yaml"));
        Path lab = Files.createDirectories(docker.resolve("lab"));
        for (String file : List.of("lab.yaml", "tinyproxy.conf", "prepare.sh")) {
            Files.copy(root.resolve("docker/lab").resolve(file), lab.resolve(file));
        }
        Path log = work.resolve("compose.log");
        String project = "devstack-lab-" + ProcessHandle.current().pid();
        List<String> compose = new ArrayList<>(List.of("docker-compose", "-p", project, "-f", docker.resolve("compose.yaml").toString()));
        try {
            assertThat(run(lab, log, 1, "bash", "prepare.sh")).as(Files.readString(log)).isZero();
            List<String> up = new ArrayList<>(compose);
            up.addAll(List.of("up", "--abort-on-container-exit", "--exit-code-from", "provisioner"));
            int exit = run(docker, log, 20, up.toArray(String[]::new));
            String said = Files.readString(log);
            assertThat(exit).as(said).isZero();

            JsonNode report = new ObjectMapper().readTree(lab.resolve("report/report.json").toFile());
            Map<String, JsonNode> hosts = new HashMap<>();
            report.get("hosts").forEach(h -> hosts.put(h.get("name").asText(), h));
            assertThat(hosts).containsOnlyKeys("controller", "compute1");
            for (JsonNode host : hosts.values()) {
                assertThat(host.get("status").asText()).as(host.toString()).isEqualTo("healthy");
                List<String> fixups = new ArrayList<>();
                host.get("fixups_applied").forEach(f -> fixups.add(f.asText()));
                // apt-source by its fix-up on the real components
                assertThat(fixups).as(host.toString()).contains("apt-sources");
                // ovs-socket: the socket's group and the stack user in it, on the real ovsdb-server and sshd
                assertThat(fixups).as(host.toString()).contains("ovs-socket-permissions");
                if (host.get("role").asText().equals("controller")) {
                    // mysql-root on the real MariaDB; stale-run: the previous run's API services hold their ports
                    assertThat(fixups).as(host.toString()).contains("mysql-root-password", "unstack");
                } else {
                    // a compute host runs none of those: its MariaDB is not DevStack's and is left as it is
                    assertThat(fixups).as(host.toString()).doesNotContain("mysql-root-password", "unstack");
                }
            }
            // git:// is blocked in the lab: git_base: auto chose https
            assertThat(said).contains("GIT_BASE https://");
        } finally {
            List<String> down = new ArrayList<>(compose);
            down.addAll(List.of("down", "-v", "--remove-orphans"));
            run(docker, log, 5, down.toArray(String[]::new));
        }
    }
}
