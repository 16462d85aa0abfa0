package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.probe.TestCa;
import io.provisioner.probe.TestHttpsServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(new PrintStream(out, true), new PrintStream(err, true), args);
    }

    @Test
    void malformedTargetIsExitTwoWithOneLine() {
        assertThat(run("probe", "tcp://db")).isEqualTo(ExitCodes.BAD_INPUT);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).isEqualTo("error: probe target 'tcp://db' needs a port, e.g. tcp://db:22" + System.lineSeparator());
    }

    @Test
    void badDurationIsExitTwo() {
        assertThat(run("probe", "tcp://db:1", "--timeout", "soon")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").doesNotContain("\tat ");
    }

    @Test
    void allUpIsExitZeroAndJsonHasEveryField() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int code = run("probe", "tcp://127.0.0.1:" + s.getLocalPort(), "--format", "json", "--timeout", "2s");
            assertThat(code).isZero();
            JsonNode a = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(a.isArray()).isTrue();
            JsonNode o = a.get(0);
            assertThat(o.get("target").asText()).isEqualTo("tcp://127.0.0.1:" + s.getLocalPort());
            assertThat(o.get("outcome").asText()).isEqualTo("up");
            assertThat(o.get("address").asText()).isEqualTo("127.0.0.1:" + s.getLocalPort());
            assertThat(o.has("elapsed_ms")).isTrue();
            assertThat(o.has("detail")).isTrue();
        }
    }

    @Test
    void oneRefusedTargetIsExitOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
            assertThat(run("probe", "tcp://127.0.0.1:" + s.getLocalPort(), "tcp://127.0.0.1:" + closed,
                    "--timeout", "1s")).isEqualTo(ExitCodes.OK);
        }
        out.reset();
        assertThat(run("probe", "tcp://127.0.0.1:" + closed, "--timeout", "1s")).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("refused");
    }

    @Test
    void waitKeepsProbingUntilTheServiceComesUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(700);
                try (ServerSocket s = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                    Thread.sleep(3000);
                }
            } catch (Exception ignored) {
                // the exit code below tells
            }
        });
        late.start();
        assertThat(run("probe", "tcp://127.0.0.1:" + port, "--wait", "5s", "--interval", "100ms", "--timeout", "1s"))
                .isEqualTo(ExitCodes.OK);
        late.join();
        assertThat(run("probe", "tcp://127.0.0.1:" + port, "--wait", "300ms", "--interval", "100ms"))
                .isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void caFileMakesATestCaTrustedForHttps() throws Exception {
        TestCa ca = TestCa.get();
        try (TestHttpsServer server = TestHttpsServer.start(ca)) {
            String target = "https://localhost:" + server.port() + "/identity/v3/";
            assertThat(run("probe", target, "--ca-file", ca.caPem().toString(), "--format", "json")).isEqualTo(ExitCodes.OK);
            JsonNode o = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get(0);
            assertThat(o.get("outcome").asText()).isEqualTo("up");
            assertThat(o.get("detail").asText()).isEqualTo("HTTP 200 OK; keystone v3.14 stable");

            out.reset();
            assertThat(run("probe", target, "--format", "json")).isEqualTo(ExitCodes.FAILED);
            o = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get(0);
            assertThat(o.get("outcome").asText()).isEqualTo("tls-error");
        }
    }

    @Test
    void missingCaFileIsExitTwoWithOneLine() {
        assertThat(run("probe", "https://localhost:1/", "--ca-file", "/nonexistent/ca.pem")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("error: --ca-file: CA file /nonexistent/ca.pem does not exist" + System.lineSeparator());
    }

    @Test
    void helpNamesTheTrustChoices() {
        assertThat(run("probe", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--ca-file=PEM", "javax.net.ssl.trustStore");
    }

    @Test
    void textHasAHeaderRowAndAClosingCount() throws Exception {
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String up = "tcp://127.0.0.1:" + s.getLocalPort();
            String refused = "tcp://127.0.0.1:" + closed;
            assertThat(run("probe", up, refused, "--timeout", "2s")).isEqualTo(ExitCodes.FAILED);
            java.util.List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).matches("TARGET +OUTCOME +ADDRESS +TIME +DETAIL");
            assertThat(lines.get(1)).startsWith(up).contains(" up ");
            assertThat(lines.get(2)).startsWith(refused).contains(" refused ");
            assertThat(lines.get(3)).isEqualTo("1 of 2 up");
        }
    }

    @Test
    void aProxyUrlThatIsNotOneIsOneLineWithoutItsCredentials() {
        assertThat(run("probe", "http://127.0.0.1:1/", "--proxy", "ftp://user:s3cretpw@proxy:21")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --proxy: must look like http://HOST:PORT")
                .doesNotContain("s3cretpw");
    }

    /** What a command was set to, option by option, for comparing the shortcut's parse with picocli's. */
    private static List<Object> settings(ProbeCommand command) {
        return Arrays.asList(command.targets, command.targetFiles, command.timeout, command.maxWait, command.interval,
                command.successThreshold, command.failureThreshold, command.parallel, command.format, command.proxy,
                command.caFile);
    }

    /** The command as Main's picocli run sets it up (no argument-file expansion for probe). */
    private static ProbeCommand parsedByPicocli(String... args) {
        ProbeCommand command = new ProbeCommand();
        CommandLine cl = new CommandLine(command, CommandFactory.INSTANCE);
        cl.setExpandAtFiles(false);
        cl.parseArgs(Arrays.copyOfRange(args, 1, args.length));
        return command;
    }

    private static InProcessRun throughPicocli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.parsed(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new InProcessRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code probe} with targets, @FILE, --targets, --timeout, --format and --parallel skips picocli (Main.run's
     * shortcut): every option is set as picocli sets it, bad input gives the same exit code and the same line, and
     * every other shape is left to picocli, whose message the user then sees.
     */
    @Test
    void theShortcutForPlainTargetsAndOptionsSetsWhatPicocliSets() {
        String up = "tcp://127.0.0.1:8080";
        String[][] shapes = {
                {"probe", up}, {"probe", up, "tcp://10.0.0.1:22", "@targets"},
                {"probe", "--format", "json", "--timeout", "2000ms", "--targets", "sweep"},
                {"probe", "--targets", "one", up, "--targets", "two", "@three", "--timeout", "1m30s"},
                {"probe", up, "--parallel", "16", "--format", "text", "--timeout", "5"},
                {"probe", "--parallel", "+007", up}, {"probe", "--timeout", " 2S ", up}, {"probe", "@"},
                {"probe", "--targets", "@file", "tcp://db"}, {"probe"}};
        for (String[] args : shapes) {
            ProbeCommand shortcut = ProbeCommand.fromPlainArguments(args);
            assertThat(shortcut).as(String.join(" ", args)).isNotNull();
            assertThat(settings(shortcut)).as(String.join(" ", args)).isEqualTo(settings(parsedByPicocli(args)));
        }
        // bad input found after parsing: the same exit code and line either way
        String[][] refused = {{"probe"}, {"probe", "tcp://db"}, {"probe", "--parallel", "0", up},
                {"probe", "--timeout", "0s", up}, {"probe", "--targets", "/nonexistent/targets", up},
                {"probe", "@/nonexistent/targets"}};
        for (String[] args : refused) {
            InProcessRun shortcut = InProcessRun.of(args);
            assertThat(shortcut.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(shortcut.err().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(shortcut).as(String.join(" ", args)).isEqualTo(throughPicocli(args));
        }
        String[][] others = {{"probe", up, "--verbose"}, {"probe", "--help"}, {"probe", up, "--timeout=2s"},
                {"probe", "--targets", "-"}, {"probe", up, "--format", "yaml"}, {"probe", up, "--format", "JSON"},
                {"probe", up, "--timeout", "soon"}, {"probe", up, "--parallel", "many"}, {"probe", up, "--parallel", "-1"},
                {"probe", up, "--timeout", "1s", "--timeout", "2s"}, {"probe", up, "--format", "json", "--format", "text"},
                {"probe", up, "--parallel", "1", "--parallel", "2"}, {"probe", up, "--timeout"}, {"probe", up, "--wait", "1s"},
                {"probe", up, "--proxy", "http://proxy:3128"}, {"probe", up, "--ca-file", "ca.pem"}, {"probe", ""},
                {"probe", "--", up}, {"probe", "-"}, {"probe", up, "--timeout", ""}, {"--verbose", "probe", up},
                {"diagnose", up}};
        for (String[] args : others) {
            assertThat(ProbeCommand.fromPlainArguments(args)).as(String.join(" ", args)).isNull();
        }
        InProcessRun badFormat = InProcessRun.of("probe", up, "--format", "yaml");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badFormat.err()).startsWith("error: Invalid value for option '--format'").contains("yaml");
        assertThat(badFormat.err().lines()).hasSize(1);
    }
}
