package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.probe.TestCa;
import io.provisioner.probe.TestHttpsServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

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
}
