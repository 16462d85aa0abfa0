package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol checks against loopback peers that send captured or hand-made bytes. */
class ProtocolChecksTest {
    private static final Duration T = Duration.ofSeconds(3);
    private final Prober prober = Prober.direct();

    @Test
    void mysqlGreetingGivesTheServerVersion() throws Exception {
        try (FakePeer peer = FakePeer.sending(Greetings.MARIADB, false)) {
            ProbeResult r = prober.probe(peer.target("mysql"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(r.detail()).isEqualTo("10.11.19-MariaDB-0+deb12u1");
        }
    }

    @Test
    void mysqlErrPacketIsAServiceErrorWithItsCode() throws Exception {
        try (FakePeer peer = FakePeer.sending(Greetings.mysqlErr(1130,
                "Host '10.231.0.2' is not allowed to connect to this MariaDB server"), true)) {
            ProbeResult r = prober.probe(peer.target("mysql"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
            assertThat(r.detail()).startsWith("ERR 1130: Host '10.231.0.2' is not allowed");
        }
    }

    @Test
    void httpBannerOnTheMysqlPortIsAProtocolMismatch() throws Exception {
        try (FakePeer peer = FakePeer.sending("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true)) {
            assertThat(prober.probe(peer.target("mysql"), T).outcome()).isEqualTo(ProbeOutcome.PROTOCOL_MISMATCH);
        }
    }

    @Test
    void keystoneVersionDocumentIsUpAndNamed() throws Exception {
        String body = "{\"version\": {\"id\": \"v3.14\", \"status\": \"stable\", \"updated\": \"2020-04-07T00:00:00Z\"}}";
        try (FakePeer peer = http("200 OK", body)) {
            ProbeResult r = prober.probe(ProbeTarget.parse("http://127.0.0.1:" + peer.port() + "/identity/v3/"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(r.detail()).isEqualTo("HTTP 200 OK; keystone v3.14 stable");
        }
    }

    @Test
    void redirectIsDegradedAnd503IsAServiceError() throws Exception {
        try (FakePeer peer = http("300 Multiple Choices", "{\"versions\": {\"values\": []}}")) {
            ProbeResult r = prober.probe(peer.target("http"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
            assertThat(r.detail()).contains("300", "keystone versions document");
        }
        try (FakePeer peer = http("503 Service Unavailable", "backend not ready")) {
            ProbeResult r = prober.probe(peer.target("http"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
            assertThat(r.detail()).isEqualTo("HTTP 503 Service Unavailable");
        }
    }

    @Test
    void httpReadsAtMostTenKibOfBody() throws Exception {
        try (FakePeer peer = new FakePeer(s -> {
            s.getInputStream().read(new byte[4096]);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 10_000; i++) {
                out.write(chunk); // an endless body: the probe must stop reading at 10 KiB
            }
        })) {
            ProbeResult r = prober.probe(peer.target("http"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(r.elapsedMillis()).isLessThan(T.toMillis());
        }
    }

    @Test
    void amqpHeaderReplyMeansAnotherProtocolVersion() throws Exception {
        try (FakePeer peer = new FakePeer(s -> {
            s.getInputStream().readNBytes(8);
            s.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 10});
            s.close();
        })) {
            ProbeResult r = prober.probe(peer.target("amqp"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.PROTOCOL_MISMATCH);
            assertThat(r.detail()).contains("another AMQP version");
        }
    }

    @Test
    void redisWantingAPasswordIsDegraded() throws Exception {
        try (FakePeer peer = reply("-NOAUTH Authentication required.\r\n")) {
            assertThat(prober.probe(peer.target("redis"), T).outcome()).isEqualTo(ProbeOutcome.DEGRADED);
        }
        try (FakePeer peer = reply("-LOADING Redis is loading the dataset in memory\r\n")) {
            assertThat(prober.probe(peer.target("redis"), T).outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
        }
    }

    @Test
    void memcachedAnswerIsNamedAndAnythingElseIsAMismatch() throws Exception {
        try (FakePeer peer = reply("VERSION 1.6.18\r\n")) {
            assertThat(prober.probe(peer.target("memcached"), T).detail()).isEqualTo("memcached 1.6.18");
        }
        try (FakePeer peer = reply("SSH-2.0-OpenSSH_9.2p1\r\n")) {
            assertThat(prober.probe(peer.target("memcached"), T).outcome()).isEqualTo(ProbeOutcome.PROTOCOL_MISMATCH);
        }
    }

    private static FakePeer reply(String line) throws Exception {
        return new FakePeer(s -> {
            InputStream in = s.getInputStream();
            in.read(new byte[256]);
            s.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(60_000);
        });
    }

    private static FakePeer http(String status, String body) throws Exception {
        return new FakePeer(s -> {
            s.getInputStream().read(new byte[4096]);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(b);
            Thread.sleep(60_000);
        });
    }

    @Test
    void plainHttpOnAnHttpsPortIsATlsError() throws Exception {
        try (FakePeer peer = new FakePeer(s -> {
            s.getInputStream().read(new byte[4096]);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(60_000);
        })) {
            ProbeResult r = prober.probe(peer.target("https"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.TLS_ERROR);
        }
    }

    @Test
    void jvmProxySettingsAreIgnored() throws Exception {
        int dead;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        java.net.ProxySelector old = java.net.ProxySelector.getDefault();
        // A JVM-wide selector that sends every connection to a dead SOCKS proxy: probes must not use it.
        java.net.ProxySelector.setDefault(new java.net.ProxySelector() {
            @Override
            public java.util.List<java.net.Proxy> select(java.net.URI uri) {
                return java.util.List.of(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                        new java.net.InetSocketAddress("127.0.0.1", dead)));
            }

            @Override
            public void connectFailed(java.net.URI uri, java.net.SocketAddress sa, java.io.IOException e) {
            }
        });
        try (FakePeer peer = http("200 OK", "fine")) {
            assertThat(prober.probe(peer.target("http"), T).outcome()).isEqualTo(ProbeOutcome.UP);
        } finally {
            java.net.ProxySelector.setDefault(old);
        }
    }

    @Test
    void aSilentMysqlPortSaysWhatDidNotArriveInPlainWords() throws Exception {
        try (FakePeer peer = FakePeer.silent()) {
            ProbeResult r = prober.probe(peer.target("mysql"), Duration.ofMillis(300));
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
            assertThat(r.detail()).isEqualTo("connected, but the MySQL greeting header did not arrive before the deadline");
        }
    }

    @Test
    void aGitTargetSendsTheGitDaemonRequestForItsRepository() {
        ProbeTarget nova = ProbeTarget.parse("git://git.openstack.org/openstack/nova.git");
        assertThat(nova.path()).isEqualTo("/openstack/nova.git");
        assertThat(new String(GitDaemonCheck.request(nova.path(), nova), StandardCharsets.UTF_8))
                .isEqualTo("003fgit-upload-pack /openstack/nova.git\0host=git.openstack.org\0");
        ProbeTarget other = ProbeTarget.parse("git://10.0.0.5:9419");
        assertThat(new String(GitDaemonCheck.request("/", other), StandardCharsets.UTF_8))
                .isEqualTo("0029git-upload-pack /\0host=10.0.0.5:9419\0");
    }

    @Test
    void aServerThatSpeaksFirstOnTheGitPortIsNotAGitDaemon() throws Exception {
        try (FakePeer peer = FakePeer.sending("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII), false)) {
            ProbeResult r = prober.probe(peer.target("git"), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.PROTOCOL_MISMATCH);
            assertThat(r.detail()).isEqualTo("not a git daemon: 'SSH-' is not a pkt-line length");
        }
    }
}
