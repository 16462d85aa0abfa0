package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, end to end in-process: simulated hosts behind an embedded SSH server, the
 * normal deploy path over SSH, and the reports a CI reads.
 */
class DeploySandboxIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, String out, String err) {
    }

    private static Run deploy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("deploy", "--sandbox"));
        all.addAll(List.of(args));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCleanSandboxHostEndsHealthyWithEveryEndpointAnswering(@TempDir Path reports) throws Exception {
        Run run = deploy("--faults", "none", "--report-dir", reports.toString(), "--format", "json");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode host = JSON.readTree(run.out()).get("hosts").get(0);
        assertThat(host.get("status").asText()).isEqualTo("healthy");
        assertThat(host.get("attempts").asInt()).isEqualTo(1);
        assertThat(host.get("probes")).isNotEmpty();
        host.get("probes").forEach(p -> assertThat(p.get("outcome").asText()).as(p.toString()).isIn("up", "degraded"));
        assertThat(host.get("timing").size()).as("DevStack's timing table was read").isPositive();
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("<testcase", "name=\"stack (attempt 1)\"")
                .doesNotContain("<failure");
        assertThat(Files.readString(reports.resolve("sandbox1-stack.sh.log"))).contains("stack.sh completed in");
    }

    @Test
    void theArticlesSixFailuresAreRepairedAndTheHostEndsHealthy(@TempDir Path reports) throws Exception {
        Run run = deploy("--faults", "seed", "--report-dir", reports.toString(), "--format", "json");
        JsonNode host = JSON.readTree(run.out()).get("hosts").get(0);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(host.get("status").asText()).isEqualTo("healthy");
        List<String> fixups = new ArrayList<>();
        host.get("fixups_applied").forEach(f -> fixups.add(f.asText()));
        assertThat(fixups).contains("apt-sources", "mysql-root-password", "ovs-socket-permissions", "no-proxy");
        String report = Files.readString(reports.resolve("report.json"));
        assertThat(report).doesNotContain("sandboxadmin", "sandboxdb", "oldroot2015");
        assertThat(Files.readString(reports.resolve("sandbox1-stack.sh.log"))).doesNotContain("sandboxadmin");
    }

    @Test
    void anUnknownFaultIsBadInputInOneLine() {
        Run run = deploy("--faults", "no-such-fault");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no-such-fault").doesNotContain("\tat ");
    }

    @Test
    void aHostTheSandboxDoesNotHaveIsBadInputLikeOnTheRealPath() {
        Run run = deploy("--faults", "none", "--host", "sandbox9");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: --host sandbox9: no such host in ").contains("hosts are sandbox1")
                .doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("healthy");
    }
}
