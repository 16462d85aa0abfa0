package io.provisioner.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** https against a real TLS server whose certificate a CA made for the test signed. */
class TlsProbeTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static TestCa ca;
    private static TestHttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.get();
        server = TestHttpsServer.start(ca);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ProbeTarget at(String host, String path) {
        return ProbeTarget.parse("https://" + host + ":" + server.port() + path);
    }

    @Test
    void trustedCaIsUpWithTheHttpStatus() {
        ProbeResult r = Prober.direct().trusting(ca.caPem()).probe(at("localhost", "/"), T);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.detail()).startsWith("HTTP 200");
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void keystoneVersionDocumentOverHttpsIsUpAndNamed() {
        ProbeResult r = Prober.direct().trusting(ca.caPem()).probe(at("localhost", "/identity/v3/"), T);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.detail()).isEqualTo("HTTP 200 OK; keystone v3.14 stable");
    }

    @Test
    void sweptHttpsProbeIsUpToo() {
        // TLS layered over the selector-connected channel's socket.
        List<ProbeResult> r = new Sweep(Prober.direct().trusting(ca.caPem()), T)
                .run(List.of(at("localhost", "/"), at("localhost", "/identity/v3/"), at("127.0.0.1", "/")), 4);
        assertThat(r).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.UP, ProbeOutcome.UP, ProbeOutcome.TLS_ERROR);
    }

    @Test
    void theJvmsDefaultTrustDoesNotKnowTheTestCa() {
        ProbeResult r = Prober.direct().probe(at("localhost", "/"), T);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.TLS_ERROR);
        assertThat(r.detail()).containsIgnoringCase("certification path");
    }

    @Test
    void trustingAnotherCaIsATlsError() {
        ProbeResult r = Prober.direct().trusting(ca.otherCaPem()).probe(at("localhost", "/"), T);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.TLS_ERROR);
        assertThat(r.detail()).containsIgnoringCase("certification path");
    }

    @Test
    void hostNameNotInTheCertificateIsATlsError() {
        ProbeResult r = Prober.direct().trusting(ca.caPem()).probe(at("127.0.0.1", "/"), T);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.TLS_ERROR);
        assertThat(r.detail()).contains("127.0.0.1");
    }

    @Test
    void caFileThatIsMissingOrNotPemIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> Prober.direct().trusting(missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("CA file " + missing + " does not exist");
        Path text = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
        assertThatThrownBy(() -> Prober.direct().trusting(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CA file " + text)
                .hasMessageNotContaining("\n");
    }
}
