package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnoseCommandTest {
    @TempDir
    Path tmp;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(args);
    }

    private Path log(String resource) throws Exception {
        Path p = tmp.resolve(resource.replace('/', '_'));
        try (InputStream in = getClass().getResourceAsStream("/logs/" + resource)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void printsJsonDiagnosisAndExitsZeroOnFailedRun() throws Exception {
        InProcessRun r = run("diagnose", log("mysql-root-access-denied/seed-round4-mysql-1045.log").toString(), "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("failed");
        assertThat(j.get("category").asText()).isEqualTo("mysql-root-access-denied");
        assertThat(j.get("fixups").get(0).asText()).isEqualTo("mysql-root-password");
        assertThat(j.get("failed_step").get("file").asText()).isEqualTo("lib/databases/mysql");
    }

    @Test
    void printsOneParagraphAsText() throws Exception {
        InProcessRun r = run("diagnose", log("git-protocol-blocked/seed-round1-git-protocol.log").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow())
                .contains("functions-common:git_timed:603", "git-protocol-blocked", "Fix-ups: git-https.");
    }

    @Test
    void readsStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)\n"
                    .getBytes(StandardCharsets.UTF_8)));
            InProcessRun r = run("diagnose", "-", "--format", "json");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("\"apt-lock-held\"");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void missingFileIsOneLineExitTwo() {
        InProcessRun r = run("diagnose", tmp.resolve("nope.log").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("nope.log").contains("no such file").doesNotContain("Exception");
    }

    @Test
    void directoryAndBadFormatAreExitTwo() {
        assertThat(run("diagnose", tmp.toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
        InProcessRun r = run("diagnose", tmp.toString(), "--format", "xml");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void emptyFileIsNotALogExitTwo() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.log"));
        InProcessRun r = run("diagnose", empty.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("empty.log: not a stack.sh log").contains("empty").doesNotContain("still running");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void devNullIsNotALogExitTwo() {
        InProcessRun r = run("diagnose", "/dev/null", "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).contains("\"outcome\" : \"not-a-log\"");
        assertThat(r.err()).contains("/dev/null: not a stack.sh log");
    }

    @Test
    void randomBinaryIsNotALogExitTwo() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Path bin = Files.write(tmp.resolve("core.bin"), noise);
        InProcessRun r = run("diagnose", bin.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("not-a-log");
        assertThat(j.get("category").isNull()).isTrue();
        assertThat(j.get("summary").asText()).contains("binary");
    }

    @Test
    void helloWorldIsNotALog() throws Exception {
        Path hello = Files.writeString(tmp.resolve("hello.txt"), "hello world\n");
        InProcessRun r = run("diagnose", hello.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("hello.txt: not a stack.sh log").doesNotContain("still running");
    }

    @Test
    void keystoneFailureWithoutProxyLinesSaysTheProxySettingsAreUnknown() throws Exception {
        Path log = Files.writeString(tmp.resolve("keystone.log"), String.join("\n",
                "+ lib/keystone:create_keystone_accounts:369 :   get_or_create_project admin default",
                "Could not determine a suitable URL for the plugin",
                "+ lib/keystone:create_keystone_accounts:369 :   exit_trap",
                "Error on exit", ""));
        InProcessRun r = run("diagnose", log.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("category").asText()).isEqualTo("proxy-no-proxy-missing");
        String summary = j.get("summary").asText();
        assertThat(summary).doesNotContain("(set)", "(empty)").contains("http_proxy: unknown, not in the log");
        assertThat(j.get("runbook").asText()).isEqualTo("docs/runbooks/proxy-no-proxy-missing.md");
    }

    @Test
    void proxyFactsInTheSummaryAreCitedInTheEvidence() throws Exception {
        Path log = Files.writeString(tmp.resolve("keystone-proxy.log"), String.join("\n",
                "+ ./stack.sh:main:120 :   export http_proxy=http://proxy.lab:3128",
                "+ ./stack.sh:main:121 :   export no_proxy=localhost",
                "+ lib/keystone:create_keystone_accounts:369 :   get_or_create_project admin default",
                "Could not determine a suitable URL for the plugin",
                "+ lib/keystone:create_keystone_accounts:369 :   exit_trap",
                "Error on exit", ""));
        InProcessRun r = run("diagnose", log.toString(), "--format", "json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("summary").asText()).contains("http://proxy.lab:3128").contains("no_proxy: localhost");
        assertThat(j.get("evidence").toString()).contains("http_proxy=http://proxy.lab:3128", "no_proxy=localhost");
    }

    /**
     * {@code diagnose LOG [--format F]} skips picocli's parsing (Main.run's shortcut): exit code, stdout and stderr are
     * what the parsed run gives, for a diagnosis, a file that is not a log, a missing file, a bad format; and any
     * other shape is left to picocli.
     */
    @Test
    void theShortcutForAPlainLogAnswersAsThePicocliRunDoes() throws Exception {
        String failed = log("mysql-root-access-denied/seed-round4-mysql-1045.log").toString();
        Path notALog = Files.writeString(tmp.resolve("notes.txt"), "hello\nworld\n");
        String missing = tmp.resolve("missing.log").toString();
        String[][] shapes = {
                {"diagnose", failed}, {"diagnose", failed, "--format", "json"}, {"diagnose", "--format", "json", failed},
                {"diagnose", notALog.toString()}, {"diagnose", notALog.toString(), "--format", "json"},
                {"diagnose", missing}, {"diagnose", failed, "--format", "yaml"}, {"diagnose", tmp.toString()}};
        for (String[] args : shapes) {
            assertThat(DiagnoseCommand.fromPlainArguments(args)).as(String.join(" ", args)).isNotNull();
            InProcessRun shortcut = run(args);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = Main.parsed(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8), args);
            assertThat(shortcut).as(String.join(" ", args)).isEqualTo(new InProcessRun(code,
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)));
        }
        assertThat(run("diagnose", missing).code()).isEqualTo(2);
        assertThat(run("diagnose", failed, "--format", "yaml").err()).startsWith("error: --format: 'yaml'");
        String[][] others = {{"diagnose"}, {"diagnose", "-"}, {"diagnose", failed, "--verbose"}, {"diagnose", "--help"},
                {"diagnose", "@args"}, {"diagnose", failed, "--format=json"}, {"diagnose", failed, "--format", "-x"},
                {"diagnose", failed, failed}, {"diagnose", failed, "--format", "json", "--format", "text"},
                {"--verbose", "diagnose", failed}, {"diagnose", failed, "--format"}};
        for (String[] args : others) {
            assertThat(DiagnoseCommand.fromPlainArguments(args)).as(String.join(" ", args)).isNull();
        }
    }
}
