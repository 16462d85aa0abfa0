package io.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.lab.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy --sandbox -f spec.yaml} dry-runs the user's spec: a two-host spec behind a corporate proxy,
 * with 10.x addresses, a stable branch and an absolute DEST, run by the packaged jar in a network namespace
 * that has only loopback. Nothing from the spec can be reached there, so the run's success shows that the
 * sandbox contacted none of it.
 */
class SandboxSpecDryRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            version: 1
            defaults:
              ssh: {user: stack, identity: ~/.ssh/does-not-exist, jump: jumper@10.9.9.9:22}
              devstack: {repo: https://opendev.org/openstack/devstack, ref: stable/2024.1, dir: /opt/stack/devstack}
              proxy: {http: http://proxy.corp.example:3128, https: http://proxy.corp.example:3128, no_proxy: [.corp.example]}
              git_base: auto
              passwords: {admin: dryadmin, database: drydb, rabbit: dryrabbit, service: dryservice}
              services: {enable: [q-svc, q-agt, q-dhcp, q-l3, q-meta, neutron], disable: [n-net]}
              localrc: {DEST: /opt/stack}
              fixups: auto
              retries: 2
            hosts:
              - {name: ctl, address: 10.20.0.11, role: controller}
              - {name: cmp1, address: 10.20.0.12, role: compute}
            """;

    @TempDir
    Path dir;

    private static Path jar() {
        String env = System.getenv("PROVISIONER_JAR");
        Path jar = Path.of(env != null ? env : "target/provisioner.jar").toAbsolutePath();
        Requirements.require(Files.exists(jar), "the packaged jar (" + jar + ")");
        return jar;
    }

    @Test
    void aTwoHostSpecBehindAProxyRunsAsWrittenWithoutReachingAnyOfItsAddresses() throws Exception {
        Requirements.requireRoot("unshare -n needs root");
        Requirements.requireExecutable("/usr/bin/unshare");
        Path spec = Files.writeString(dir.resolve("lab.yaml"), SPEC);
        Path reports = dir.resolve("report");
        Path log = dir.resolve("run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String inside = "ip link set lo up && exec " + java + " -jar " + jar() + " deploy --sandbox -f " + spec
                + " --faults none --keep --report-dir " + reports + " --format json";
        Process run = new ProcessBuilder("unshare", "-n", "bash", "-c", inside).directory(dir.toFile())
                .redirectErrorStream(false).redirectOutput(dir.resolve("report.json.out").toFile())
                .redirectError(log.toFile()).start();
        assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the sandbox run ends").isTrue();
        String said = Files.readString(log);
        Path kept = keptRoot(said);
        try {
            assertThat(run.exitValue()).as(said).isZero();
            JsonNode report = JSON.readTree(dir.resolve("report.json.out").toFile());
            List<String> names = new ArrayList<>();
            report.get("hosts").forEach(h -> names.add(h.get("name").asText()));
            assertThat(names).as("the spec's hosts, in its order").containsExactly("ctl", "cmp1");
            report.get("hosts").forEach(h -> {
                assertThat(h.get("status").asText()).as(h.toString()).isEqualTo("healthy");
                assertThat(h.get("attempts").asInt()).as("no no_proxy failure and retry: %s", h).isEqualTo(1);
            });
            assertThat(report.get("hosts").get(0).get("role").asText()).isEqualTo("controller");
            assertThat(report.get("hosts").get(1).get("role").asText()).isEqualTo("compute");
            assertThat(said).as("it says what stands in for the spec's proxy")
                    .containsPattern("sandbox: proxy proxy\\.corp\\.example:3128 -> http://127\\.0\\.0\\.1:\\d+ \\((tinyproxy|in-JVM proxy)\\)");
            assertThat(Files.readString(reports.resolve("ctl-stack.sh.log"))).contains("stack.sh completed in");

            // --keep: the sandbox's spec lists every host with the port its SSH server had
            String sandboxYaml = Files.readString(kept.resolve("sandbox.yaml"));
            for (String host : List.of("ctl", "cmp1")) {
                Matcher port = Pattern.compile("sandbox: host " + host + " \\((?:controller|compute)\\): ssh stack@[0-9.]+:(\\d+)")
                        .matcher(said);
                assertThat(port.find()).as(said).isTrue();
                assertThat(sandboxYaml).contains("name: \"" + host + "\"").contains("port: " + port.group(1));
            }
            assertThat(sandboxYaml).doesNotContain("10.20.0.", "corp.example:3128", "opendev.org", "10.9.9.9")
                    .contains("ref: \"stable/2024.1\"");
            // DEST: /opt/stack is the host's, under its root
            assertThat(sandboxYaml).containsPattern("DEST: \"" + Pattern.quote(kept.toString()) + "/hosts/ctl/opt/stack\"");
        } finally {
            deleteTree(kept);
        }
    }

    private static Path keptRoot(String said) {
        Matcher m = Pattern.compile("in (/\\S+) \\(kept").matcher(said);
        return m.find() ? Path.of(m.group(1)) : null;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
