package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.probe.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /** What a reading gave: the targets added, then the error line if it stopped at one. */
    private interface Reading {
        void into(List<ProbeTarget> targets) throws IOException;
    }

    private static String outcome(Reading reading) throws IOException {
        List<ProbeTarget> targets = new ArrayList<>();
        try {
            reading.into(targets);
            return targets.toString();
        } catch (UserError e) {
            return targets + " then error: " + e.getMessage();
        }
    }

    @Test
    void theAsciiPassReadsEveryFileAsTheLineReaderDoes() throws IOException {
        // line ends of every kind, ASCII white space that ends no line, comments at and inside a word, quotes, an
        // option, bad targets: the same targets (record fields), the same FILE:LINE error after the same ones
        String[] pieces = {"tcp://127.0.0.1:22", "http://example.org/x", "'tcp://10.0.0.1:5'", "\"redis://h\"", "#", "# c",
            " ", "\t", "\n", "\r", "\r\n", "\u000B", "\f", "\u001C", "\u001F", "--x", "tcp://db", "tcp://", "x#y", "'", "git://g/r"};
        Random random = new Random(18);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
            String viaBytes = outcome(targets -> assertThat(ProbeTargetsFile.readAscii("f", bytes, targets)).isTrue());
            String viaLines = outcome(targets -> ProbeTargetsFile.read("f", new BufferedReader(new StringReader(text.toString())), targets));
            assertThat(viaBytes).as(text.toString()).isEqualTo(viaLines);
        }
    }

    @Test
    void aFileThatIsNotAsciiIsLeftToTheDecodingReader() throws IOException {
        List<ProbeTarget> targets = new ArrayList<>();
        assertThat(ProbeTargetsFile.readAscii("f", "tcp://h:1 # caf\u00e9\n".getBytes(StandardCharsets.UTF_8), targets)).isFalse();
        assertThat(targets).isEmpty();
        // Unicode white space (an em space) still separates targets, and a comment may hold any UTF-8
        Path file = Files.writeString(tmp.resolve("unicode"), "tcp://h:1\u2003tcp://h:2 # caf\u00e9\n");
        ProbeTargetsFile.read(file.toString(), System.in, targets);
        assertThat(targets).extracting(ProbeTarget::port).containsExactly(1, 2);
        // bytes that are not UTF-8 are bad input, as before
        Path broken = Files.write(tmp.resolve("broken"), new byte[]{'t', 'c', 'p', ':', '/', '/', 'h', ':', '1', ' ', (byte) 0xff, '\n'});
        assertThat(run("probe", "@" + broken)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors()).startsWith("error: targets file " + broken + " cannot be read: ").hasLineCount(1);
    }
}
