package io.provisioner.probe;

import com.sun.net.httpserver.HttpServer;
import io.provisioner.lab.GitDaemon;
import io.provisioner.lab.Tinyproxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** git:// against a real git daemon and a real HTTP server; http:// through a real tinyproxy that refuses CONNECT to it. */
class GitAndProxyProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** A real HTTP server (the JDK's) on a loopback port, answering 200 "hello" on every path. */
    private static HttpServer httpServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aRealGitDaemonIsUpForAServedRepositoryAndSaysWhenOneIsNotServed() throws Exception {
        Path base = dir.resolve("git");
        GitDaemon.createRepo(base, "openstack/nova");
        try (GitDaemon daemon = GitDaemon.start(base)) {
            ProbeResult served = Prober.direct().probe(ProbeTarget.parse(daemon.url() + "/openstack/nova.git"), TIMEOUT);
            assertThat(served.outcome()).as(served.detail()).isEqualTo(ProbeOutcome.UP);
            assertThat(served.detail()).startsWith("git daemon; /openstack/nova.git at HEAD ");

            ProbeResult missing = Prober.direct().probe(ProbeTarget.parse(daemon.url() + "/openstack/nope.git"), TIMEOUT);
            assertThat(missing.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
            assertThat(missing.detail()).isEqualTo("git daemon refused /openstack/nope.git: access denied or repository "
                    + "not exported: /openstack/nope.git");

            ProbeResult daemonOnly = Prober.direct().probe(ProbeTarget.parse(daemon.url()), TIMEOUT);
            assertThat(daemonOnly.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(daemonOnly.detail()).startsWith("git daemon");
        }
    }

    @Test
    void anHttpServerOnTheGitPortIsNotGit() throws Exception {
        // an HTTP server waits for a request line end that a git-daemon request never sends: it never answers
        HttpServer server = httpServer();
        try {
            ProbeResult r = Prober.direct().probe(ProbeTarget.parse("git://127.0.0.1:" + server.getAddress().getPort()),
                    Duration.ofSeconds(1));
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
            assertThat(r.detail()).isEqualTo("connected, but the git daemon's answer did not arrive before the deadline");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpThroughAProxyThatRefusesConnectToItsPortIsAnAbsoluteUrlGet() throws Exception {
        HttpServer server = httpServer();
        try (Tinyproxy proxy = Tinyproxy.builder().connectPorts(443).start()) {
            String target = "http://127.0.0.1:" + server.getAddress().getPort() + "/identity/";
            ProbeResult viaProxy = Prober.viaProxy(URI.create(proxy.url())).probe(ProbeTarget.parse(target), TIMEOUT);
            assertThat(viaProxy.outcome()).as(viaProxy.detail()).isEqualTo(ProbeOutcome.UP);
            assertThat(viaProxy.detail()).isEqualTo("via proxy: HTTP 200 OK");
            assertThat(proxy.log()).contains("GET " + target);

            // the same proxy still refuses a CONNECT tunnel to that port: https is tunnelled and gets the 403
            ProbeResult tunnel = Prober.viaProxy(URI.create(proxy.url()))
                    .probe(ProbeTarget.parse("https://127.0.0.1:" + server.getAddress().getPort() + "/"), TIMEOUT);
            assertThat(tunnel.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
            assertThat(tunnel.detail()).contains("refused CONNECT");
        } finally {
            server.stop(0);
        }
    }
}
