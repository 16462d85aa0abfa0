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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

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
    void twoBuiltInSandboxHostsBothEndHealthy() throws Exception {
        // the built-in spec for N hosts once put them all on one address, which the spec refuses
        Run run = deploy("--sandbox-hosts", "2", "--faults", "none", "--format", "json");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("hosts")).extracting(h -> h.get("name").asText() + " " + h.get("status").asText())
                .containsExactly("sandbox1 healthy", "sandbox2 healthy");
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

    /**
     * DevStack's docs use passwords like {@code devstack} and {@code stack}: a full deploy with such passwords
     * leaks none of them where it was set (assignments, URLs, mysql -p) nor the uncommon one anywhere as a
     * word, and leaves host names, users, paths and ordinary words whole.
     */
    @Test
    void shortAndCommonPasswordsNeitherLeakNorMangleTheOutput(@TempDir Path work) throws Exception {
        Path spec = work.resolve("weak.yaml");
        try (var in = DeploySandboxIT.class.getResourceAsStream("/io/provisioner/cli/sandbox-spec.yaml")) {
            Files.writeString(spec, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("admin: sandboxadmin, database: sandboxdb, rabbit: sandboxrabbit, service: sandboxservice",
                            "admin: devstack, database: stack, rabbit: rbt9, service: opt"));
        }
        Path reports = work.resolve("reports");
        Path state = work.resolve("state");
        Run run = deploy("-f", spec.toString(), "--faults", "seed", "--report-dir", reports.toString(),
                "--state-dir", state.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(reports, state)) {
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals("openrc") || name.equals("clouds.yaml")) {
                // the user's credentials on purpose: readable by the owner only
                assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                continue;
            }
            texts.add(Files.readString(file));
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("journal.jsonl", "report.json",
                "junit.xml", "sandbox1-stack.sh.log");
        Pattern setPlaces = Pattern.compile(
                "(?i)(?:password|passwd)(?:\\s*[=:(]\\s*|\\s+)(?:'\\\\''|['\"])?(devstack|stack|rbt9|opt)\\b"
                        + "|-p(devstack|stack|rbt9|opt)\\b|://[^\\s/@]*:(devstack|stack|rbt9|opt)@"
                        + "|identified by (?:'\\\\''|')?(devstack|stack|rbt9|opt)\\b");
        Pattern uncommonAsWord = Pattern.compile("(?<![\\w./-])rbt9(?![\\w/-])");
        int maskedPlaces = 0;
        for (String text : texts) {
            assertThat(setPlaces.matcher(text).results().map(MatchResult::group).toList())
                    .as("secrets where they were set").isEmpty();
            assertThat(uncommonAsWord.matcher(text).find()).as("the uncommon password as a word").isFalse();
            maskedPlaces += (int) Pattern.compile("PASSWORD=\\*\\*\\*\\*|-p\\*\\*\\*\\*|:\\*\\*\\*\\*@")
                    .matcher(text).results().count();
        }
        assertThat(maskedPlaces).as("the log does set passwords, masked").isPositive();
        String console = run.out();
        assertThat(console).contains("devstack master at ", "/hosts/sandbox1/opt/stack/devstack",
                "/devstack/unstack.sh as stack", "verified: ovs-vsctl show works as stack", "devstack-sandbox-")
                .doesNotContain("un****", "****.sh", "/****", "****-sandbox");
        assertThat(Files.readString(reports.resolve("sandbox1-stack.sh.log"))).contains("/opt/stack/devstack")
                .doesNotContain("/****");
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
