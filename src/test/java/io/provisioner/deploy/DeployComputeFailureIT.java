package io.provisioner.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One compute of three cannot be deployed (its disk is full and the spec allows no fix-up there): the
 * controller and the other compute still finish healthy, the exit is 1 and report.json says which host
 * failed and why.
 */
class DeployComputeFailureIT {
    @TempDir
    Path dir;

    @Test
    void failedComputeDoesNotStopTheOthersAndTheReportNamesIt() throws Exception {
        // baseDir null: the lab's own root is 0755, a @TempDir is 0700, which DevStack refuses for $DEST's parents
        SandboxOptions options = new SandboxOptions(3, "current", Set.of("none"), null, false)
                .withHostFaults(Map.of("sandbox3", Set.of("disk-full")));
        List<LoopbackRelay> relays = new ArrayList<>();
        try (SandboxLab lab = SandboxLab.start(options)) {
            Path spec = FaultLab.specFor(lab, dir.resolve("hosts.yaml"), 0, Map.of("sandbox3", "    fixups: none\n"),
                    relays);
            Path reports = dir.resolve("report");
            Path log = dir.resolve("deploy.log");
            // ovs: the sandbox's ovs-vsctl stand-in can exceed preflight's 10 s limit on a loaded machine
            int exit = FaultLab.run(log, Duration.ofMinutes(6), "deploy", "-f", spec.toString(),
                    "--state-dir", dir.resolve("state").toString(), "--report-dir", reports.toString(),
                    "--parallel", "2", "--skip-check", "ovs");

            String out = FaultLab.read(log);
            assertThat(exit).as(out).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
            Map<String, JsonNode> byName = new HashMap<>();
            report.get("hosts").forEach(h -> byName.put(h.get("name").asText(), h));
            assertThat(report.get("status").asText()).isEqualTo("failed");
            assertThat(byName.get("sandbox1").get("status").asText()).as(out).isEqualTo("healthy");
            assertThat(byName.get("sandbox2").get("status").asText()).as(out).isEqualTo("healthy");
            JsonNode failed = byName.get("sandbox3");
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("message").asText()).contains("sandbox3").containsIgnoringCase("space");
        } finally {
            for (LoopbackRelay r : relays) {
                r.close();
            }
        }
    }
}
