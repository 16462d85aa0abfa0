package io.provisioner.probe;

import io.provisioner.lab.ClassLab;
import io.provisioner.lab.LoopbackDaemon;
import io.provisioner.lab.MemcachedServer;
import io.provisioner.lab.RabbitMqServer;
import io.provisioner.lab.RedisServer;
import io.provisioner.lab.Tinyproxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Real RabbitMQ, memcached, Redis and tinyproxy, each started privately on loopback. */
class ServicesProbeIT {
    private static final Duration T = Duration.ofSeconds(5);
    @RegisterExtension
    static final ClassLab<RabbitMqServer> RABBIT = RabbitMqServer.perClass(); // slow (~15 s): once per class
    private static RabbitMqServer rabbit;
    private final Prober prober = Prober.direct();

    @BeforeAll
    static void startRabbit() {
        rabbit = RABBIT.get();
    }

    @Test
    void rabbitMqAnswersConnectionStartWithProductAndVersion() {
        ProbeResult r = prober.probe(ProbeTarget.parse("amqp://127.0.0.1:" + rabbit.port()), T);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.detail()).matches("RabbitMQ \\d+\\.\\d+\\.\\d+ \\(AMQP 0-9\\)");
    }

    @Test
    void rabbitMqIsNotMemcached() {
        ProbeResult r = prober.probe(ProbeTarget.parse("memcached://127.0.0.1:" + rabbit.port()), T);
        assertThat(r.outcome()).isNotEqualTo(ProbeOutcome.UP).isNotEqualTo(ProbeOutcome.DEGRADED);
    }

    @Test
    void memcachedAnswersItsVersion() {
        try (LoopbackDaemon m = MemcachedServer.start()) {
            ProbeResult r = prober.probe(ProbeTarget.parse("memcached://127.0.0.1:" + m.port()), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(r.detail()).matches("memcached \\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    void redisAnswersPongAndWantsAPasswordWhenOneIsSet() {
        try (LoopbackDaemon open = RedisServer.start(); LoopbackDaemon locked = RedisServer.start("Redis1pass")) {
            assertThat(prober.probe(ProbeTarget.parse("redis://127.0.0.1:" + open.port()), T).outcome())
                    .isEqualTo(ProbeOutcome.UP);
            ProbeResult r = prober.probe(ProbeTarget.parse("redis://127.0.0.1:" + locked.port()), T);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
            assertThat(r.detail()).isEqualTo("authentication required");
        }
    }

    @Test
    void proxyConnectTellsRefusedByProxyFromTargetUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (LoopbackDaemon m = MemcachedServer.start();
             Tinyproxy proxy = Tinyproxy.builder().connectPorts(m.port(), closedPort).start()) {
            Prober via = Prober.viaProxy(URI.create(proxy.url()));
            ProbeResult ok = via.probe(ProbeTarget.parse("memcached://127.0.0.1:" + m.port()), T);
            assertThat(ok.outcome()).isEqualTo(ProbeOutcome.UP);
            assertThat(ok.resolvedAddress()).isEqualTo("127.0.0.1:" + proxy.port());

            ProbeResult denied = via.probe(ProbeTarget.parse("tcp://127.0.0.1:22"), T);
            assertThat(denied.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
            assertThat(denied.detail()).contains("refused CONNECT", "403");

            ProbeResult unreachable = via.probe(ProbeTarget.parse("tcp://127.0.0.1:" + closedPort), T);
            assertThat(unreachable.outcome()).isEqualTo(ProbeOutcome.HOST_UNREACHABLE);
            assertThat(unreachable.detail()).contains("could not reach");

            assertThat(proxy.log()).contains("Refused CONNECT method on port 22");
        }
    }

    @Test
    void deadProxyIsReportedAsTheProxy() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ProbeResult r = Prober.viaProxy(URI.create("http://127.0.0.1:" + closedPort))
                .probe(ProbeTarget.parse("https://opendev.org/"), T);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(r.detail()).startsWith("proxy 127.0.0.1:" + closedPort + " itself");
    }
}
