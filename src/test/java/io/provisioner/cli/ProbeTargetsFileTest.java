package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code probe @FILE} and {@code probe --targets FILE}: read by the command itself, not by picocli's argument files. */
class ProbeTargetsFileTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int run(String... args) {
        return Main.run(new PrintStream(out, true), new PrintStream(err, true), args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> probedTargets() throws IOException {
        List<String> targets = new ArrayList<>();
        for (JsonNode result : new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))) {
            targets.add(result.get("target").asText());
        }
        return targets;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFileWithCommentsQuotesAndSeveralTargetsALineIsProbedInOrderBesideTheCommandLine() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String up = "tcp://127.0.0.1:" + open.getLocalPort();
            Path file = Files.writeString(tmp.resolve("targets"), "# the lab's endpoints\n\n  " + up + "   \"" + up
                    + "\" # same one again, quoted\n\t'" + up + "'\n");
            Path more = Files.writeString(tmp.resolve("more"), up + "\n");
            assertThat(run("probe", "--format", "json", "--timeout", "2s", up, "@" + file, "--targets", more.toString()))
                    .as(errors()).isZero();
            assertThat(probedTargets()).containsExactly(up, up, up, up, up);
        }
    }

    @Test
    void aBadTargetInAFileNamesTheFileAndLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("targets"), "tcp://127.0.0.1:" + closedPort() + "\n# ok so far\ntcp://db\n");
        assertThat(run("probe", "@" + file)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).isEqualTo("error: " + file + ":3: probe target 'tcp://db' needs a port, e.g. tcp://db:22"
                + System.lineSeparator());
    }

    @Test
    void anOptionInAFileIsRefusedWithItsLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("targets"), "tcp://127.0.0.1:1 --timeout 1s\n");
        assertThat(run("probe", "--targets", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).startsWith("error: " + file + ":1: '--timeout' looks like an option").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = tmp.resolve("nope");
        assertThat(run("probe", "@" + missing)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).isEqualTo("error: targets file " + missing + " does not exist" + System.lineSeparator());
    }

    @Test
    void noTargetsAtAllIsBadInput() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "# nothing yet\n");
        assertThat(run("probe", "@" + empty)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).isEqualTo("error: no targets: give TARGET..., @FILE or --targets FILE" + System.lineSeparator());
        err.reset();
        assertThat(run("probe", "--timeout", "1s")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).startsWith("error: no targets");
    }

    @Test
    void otherCommandsStillExpandArgumentFilesThroughPicocli() throws Exception {
        Path spec = Path.of("config/article-lab.yaml").toAbsolutePath();
        Path validateArgs = Files.writeString(tmp.resolve("validate-args"), "-f " + spec + "\n");
        assertThat(run("validate", "@" + validateArgs)).as(errors()).isZero();
    }
}
