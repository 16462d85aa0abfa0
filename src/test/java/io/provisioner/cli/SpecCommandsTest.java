package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** validate, render, plan and schema run in-process through Main.run, as a user would call them. */
class SpecCommandsTest {
    @TempDir
    Path dir;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(args);
    }

    private Path badSpec() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "version: 1\nhosts:\n  - {name: lab1, adress: 10.0.0.1}\n");
        return f;
    }

    private static void assertBadInput(InProcessRun r, String fileAndPosition) {
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(fileAndPosition + ": unknown key 'adress' in host; did you mean 'address'?")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validateAcceptsTheExamples() {
        InProcessRun r = run("validate", "-f", "config/two-node-lab.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid, 2 hosts", "  ctl1  controller  ", "  cpu1  compute     ");
    }

    @Test
    void validatePointsAtEachProblemAndExitsTwo() throws IOException {
        Path bad = badSpec();
        InProcessRun r = run("validate", "-f", bad.toString());
        assertBadInput(r, bad + ":3:18");
        assertThat(r.err()).contains(bad + ":3:5: missing key 'address'").contains(bad + ":3:5: passwords are missing");
    }

    @Test
    void validateWarnsAboutPasswordsMaskingCannotHideAndStillExitsZero() throws IOException {
        Path weak = dir.resolve("weak.yaml");
        Files.writeString(weak, "version: 1\ndefaults:\n  ssh: {user: stack}\n"
                + "  passwords: {admin: devstack, database: ctl, rabbit: pw7, service: Longenough9}\n"
                + "hosts:\n  - {name: ctl, address: 10.0.0.1, role: controller}\n");
        InProcessRun r = run("validate", "-f", weak.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid, 1 host");
        assertThat(r.err()).contains(weak + ": warning: ctl: passwords.admin: 'devstack' is a word DevStack prints")
                .contains(weak + ": warning: ctl: passwords.database: equals the host name 'ctl'")
                .contains(weak + ": warning: ctl: passwords.rabbit: 3 characters, shorter than 8")
                .doesNotContain("passwords.service");
    }

    @Test
    void renderWritesBothFilesPerHostOwnerOnly() throws IOException {
        Path out = dir.resolve("out");
        InProcessRun r = run("render", "-f", "config/two-node-lab.yaml", "--out", out.toString(), "--host", "cpu1");
        assertThat(r.code()).isZero();
        assertThat(out.resolve("cpu1/local.conf")).content().startsWith("[[local|localrc]]");
        assertThat(out.resolve("cpu1/stackrc")).content().contains("export GIT_BASE=https://opendev.org");
        assertThat(out.resolve("ctl1")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(out.resolve("cpu1/local.conf"))).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void renderWithTemplatesOverrideAndAutoGitBaseNote() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("t"));
        Files.writeString(templates.resolve("stackrc.mustache"), "# custom {{host}}\n");
        InProcessRun r = run("render", "-f", "config/article-lab.yaml", "--out", dir.resolve("o").toString(), "--templates",
                templates.toString());
        assertThat(r.code()).isZero();
        assertThat(dir.resolve("o/lab1/stackrc")).hasContent("# custom lab1\n");
        assertThat(r.err()).contains("git_base is auto; rendered with GIT_BASE=https://opendev.org");
    }

    @Test
    void renderTemplateMistakeIsOneLineExitTwo() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("t"));
        Files.writeString(templates.resolve("local.conf.mustache"), "[[local|localrc]]\nX={{no_such_thing}}\n");
        InProcessRun r = run("render", "-f", "config/article-lab.yaml", "--out", dir.resolve("o").toString(), "--templates",
                templates.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("local.conf.mustache:2", "no_such_thing").doesNotContain("\tat ");
    }

    @Test
    void renderAndPlanRefuseABadSpecTheSameWay() throws IOException {
        Path bad = badSpec();
        assertBadInput(run("render", "-f", bad.toString(), "--out", dir.resolve("o").toString()), bad + ":3:18");
        assertBadInput(run("plan", "-f", bad.toString()), bad + ":3:18");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void planPrintsTextAndJson() throws IOException {
        InProcessRun text = run("plan", "-f", "config/article-lab.yaml");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("1. lab1 (controller, 10.10.105.71)", "upload-local-conf", "[cannot be predicted]");
        InProcessRun json = run("plan", "-f", "config/article-lab.yaml", "--format", "json");
        assertThat(json.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.at("/hosts/0/host").asText()).isEqualTo("lab1");
        assertThat(root.at("/hosts/0/steps/3/files/0/sha256").asText()).hasSize(64);
        assertThat(json.out()).doesNotContain("****");
    }

    @Test
    void planTakesTheSshUserAndPortTheSpecLeavesOutFromSshConfig() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/config"), "Host 10.10.105.71\n  User ubuntu\n  Port 2222\n");
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                version: 1
                defaults:
                  passwords: {admin: pladmin1, database: pldb1, rabbit: plrabbit1, service: plsvc1}
                hosts:
                  - {name: lab1, address: 10.10.105.71, role: controller}
                  - {name: lab2, address: 10.10.105.72, role: compute, ssh: {user: stack}}
                """);
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        InProcessRun r;
        try {
            r = run("plan", "-f", spec.toString());
        } finally {
            System.setProperty("user.home", realHome);
        }
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ssh ubuntu@10.10.105.71 port 2222", "ssh stack@10.10.105.72 port 22");
    }

    @Test
    void schemaPrintsTheJsonSchema() throws IOException {
        InProcessRun r = run("schema");
        assertThat(r.code()).isZero();
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertThat(schema.at("/$schema").asText()).contains("2020-12");
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("config/schema/hosts.schema.json")));
    }

    @Test
    void missingSpecFileIsExitTwo() {
        InProcessRun r = run("validate", "-f", dir.resolve("absent.yaml").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("absent.yaml:1:1: no such file");
    }

    private static void assertOneLine(InProcessRun r, String start) {
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith(start).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void renderOntoAFileIsOneLineExitTwo() {
        assertOneLine(run("render", "-f", "config/two-node-lab.yaml", "--out", "/etc/hostname"),
                "error: --out /etc/hostname: is a file, not a directory");
    }

    @Test
    void renderBelowAFileIsOneLineExitTwo() {
        assertOneLine(run("render", "-f", "config/two-node-lab.yaml", "--out", "/etc/hostname/out"),
                "error: --out /etc/hostname/out: cannot write there");
    }

    @Test
    void renderIntoADirectoryNobodyCanWriteIsOneLineExitTwo() {
        // /sys refuses new entries even to root, so this holds for whoever runs the tests
        assertOneLine(run("render", "-f", "config/two-node-lab.yaml", "--out", "/sys/provisioner-render"),
                "error: --out /sys/provisioner-render: cannot write there");
    }

    @Test
    void validateOnADirectorySaysSo() {
        InProcessRun r = run("validate", "-f", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + dir + ":1:1: is a directory, not a spec file").doesNotContain("\tat ");
    }

    @Test
    void aSpecOfFiveMegabytesIsRefusedBeforeParsing() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        String line = "# " + "x".repeat(97) + "\n";
        Files.writeString(huge, "version: 1\n" + line.repeat(50_000));
        InProcessRun r = run("validate", "-f", huge.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + huge + ":1:1: the file is 4.8 MiB; a host spec is at most 1 MiB")
                .doesNotContain("code points").doesNotContain("\tat ");
    }

    @Test
    void problemsInDefaultsAreNamedAsDefaultsAndReportedOnce() throws IOException {
        Path spec = Files.writeString(dir.resolve("defaults.yaml"), """
                version: 1
                defaults:
                  ssh: {port: 99999}
                  passwrods: {admin: x}
                  passwords: {admin: adminpass1, database: dbpass123, rabbit: rabbitpass1, service: servicepass1}
                  proxy: {http: "ftp://proxy:1"}
                hosts:
                  - {name: lab1, address: 10.0.0.1, role: controller}
                  - {name: lab2, address: 10.0.0.2, role: compute}
                """);
        InProcessRun r = run("validate", "-f", spec.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(spec + ":3:15: defaults.ssh.port must be a whole number from 1 to 65535")
                .doesNotContain("host.ssh.port")
                .contains(spec + ":4:3: unknown key 'passwrods' in defaults; did you mean 'passwords'?")
                .contains("must start with http://, https://, socks5:// or socks5h://");
        assertThat(r.err().split("passwrods", -1)).hasSize(2);
        assertThat(r.err()).contains("3 problems found; nothing was done");
    }

    @Test
    void everyCommandThatReadsASpecCountsItsProblemsTheSameWay() throws IOException {
        Path spec = Files.writeString(dir.resolve("two-problems.yaml"), """
                version: 1
                defaults:
                  ssh: {port: 99999}
                  passwords: {admin: adminpass1, database: dbpass123, rabbit: rabbitpass1, service: "service-pass"}
                hosts:
                  - {name: lab1, address: 10.0.0.1, role: controller}
                """);
        for (String[] command : new String[][] {{"validate"}, {"plan"}, {"deploy", "--sandbox"}, {"render", "--out", dir.resolve("out").toString()}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("-f", spec.toString()))
                    .toArray(String[]::new);
            InProcessRun r = run(args);
            assertThat(r.code()).as(String.join(" ", command)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", command)).contains(spec + ":3:15: defaults.ssh.port")
                    .contains("characters other than letters and digits").endsWith("2 problems found; nothing was done"
                            + System.lineSeparator()).doesNotContain("\tat ");
        }
    }
}
