package io.provisioner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.HostStatus;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.diagnose.Evidence;
import io.provisioner.diagnose.FailedStep;
import io.provisioner.diagnose.LogOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {
    @Test
    void theDiagnosisCarriesItsEvidenceLinesWithTheirLineNumbers() throws Exception {
        Diagnosis diagnosis = new Diagnosis(LogOutcome.FAILED, "git-protocol", List.of("git-https"),
                List.of(new Evidence(120, "fatal: unable to connect to git.openstack.org"), new Evidence(121, "[ERROR] git call failed")),
                new FailedStep("functions-common", "git_clone", 611), "git:// is blocked", Map.of());
        HostReport host = new HostReport("ctl", "controller", HostStatus.FAILED, 2, List.of(), List.of("git-https"), diagnosis,
                List.of(), Map.of(), Map.of(), null, List.of(), "ctl failed");

        JsonNode json = new ObjectMapper().readTree(JsonReport.render(new FleetReport("r1", List.of(host), Duration.ofSeconds(3))));

        JsonNode evidence = json.at("/hosts/0/diagnosis/evidence");
        assertThat(evidence.size()).isEqualTo(2);
        assertThat(evidence.get(0).get("line").asLong()).isEqualTo(120);
        assertThat(evidence.get(1).get("text").asText()).isEqualTo("[ERROR] git call failed");
        assertThat(json.at("/hosts/0/diagnosis/failed_step/function").asText()).isEqualTo("git_clone");
    }
}
