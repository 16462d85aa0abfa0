package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed article's blocking-socket cases, each against a real loopback socket. */
class SocketCasesTest {
    private static final Duration SHORT = Duration.ofMillis(600);
    private final Prober prober = Prober.direct();

    @Test
    void closedPortIsRefusedAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeResult r = prober.probe(ProbeTarget.parse("tcp://127.0.0.1:" + port), Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.1:" + port);
        assertThat(r.elapsedMillis()).isLessThan(2000);
    }

    @Test
    void fullListenBacklogIsAConnectTimeout() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket never = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Fill the accept queue: once full, the kernel drops further SYNs and connect blocks.
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", never.getLocalPort()), 200);
                    fillers.add(s);
                } catch (java.net.SocketTimeoutException full) {
                    s.close();
                    break;
                }
            }
            ProbeResult r = prober.probe(ProbeTarget.parse("tcp://127.0.0.1:" + never.getLocalPort()), SHORT);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.CONNECT_TIMEOUT);
            assertThat(r.elapsedMillis()).isBetween(SHORT.toMillis() - 50, SHORT.toMillis() + 3000);
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void silentPeerIsAReadTimeoutAtTheDeadline() throws Exception {
        try (FakePeer peer = FakePeer.silent()) {
            ProbeResult r = prober.probe(peer.target("mysql"), SHORT);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
            assertThat(r.elapsedMillis()).isGreaterThanOrEqualTo(SHORT.toMillis() - 20);
        }
    }

    @Test
    void partialGreetingThenSilenceIsPartial() throws Exception {
        try (FakePeer peer = FakePeer.sending(Arrays.copyOf(Greetings.MARIADB, 30), false)) {
            ProbeResult r = prober.probe(peer.target("mysql"), SHORT);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.PARTIAL);
            assertThat(r.detail()).contains("26 bytes");
        }
    }

    @Test
    void trickleNeverResetsTheDeadline() throws Exception {
        // One byte every 100 ms: a per-read timeout would wait forever; the probe's deadline must not.
        try (FakePeer peer = new FakePeer(s -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 600; i++) {
                out.write(Greetings.MARIADB[i % Greetings.MARIADB.length] == 0 ? 1 : 'x');
                out.flush();
                Thread.sleep(100);
            }
        })) {
            ProbeResult r = prober.probe(peer.target("memcached"), SHORT);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.PARTIAL);
            // the trickle lasts 60 s: ending anywhere near the deadline shows it was not reset
            assertThat(r.elapsedMillis()).isLessThan(SHORT.toMillis() + 3000);
        }
    }

    @Test
    void dataThenEofIsClosedEarly() throws Exception {
        try (FakePeer peer = FakePeer.sending(Arrays.copyOf(Greetings.MARIADB, 30), true)) {
            ProbeResult r = prober.probe(peer.target("mysql"), Duration.ofSeconds(5));
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.CLOSED_EARLY);
            assertThat(r.detail()).contains("after 26 of 100 bytes");
            assertThat(r.elapsedMillis()).isLessThan(2000);
        }
    }

    @Test
    void lingerZeroCloseIsAReset() throws Exception {
        try (FakePeer peer = new FakePeer(s -> {
            s.setSoLinger(true, 0);
            s.close();
        })) {
            ProbeResult r = prober.probe(peer.target("mysql"), Duration.ofSeconds(5));
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.RESET);
        }
    }

    @Test
    void writeToAPeerThatNeverReadsStopsAtTheWriteDeadline() throws Exception {
        try (FakePeer peer = FakePeer.silent()) {
            AtomicReference<String> tried = new AtomicReference<>();
            Deadline deadline = Deadline.after(Duration.ofMillis(800));
            Socket s = new Dialer(NameResolver.jdk()).connect("127.0.0.1", peer.port(), deadline, tried);
            long start = System.nanoTime();
            try (Connection c = new Connection(s, deadline)) {
                ProbeFailure f = org.junit.jupiter.api.Assertions.assertThrows(ProbeFailure.class,
                        () -> c.write(new byte[64 * 1024 * 1024]));
                assertThat(f.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
                assertThat(f.detail()).contains("not reading");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        }
    }

    @Test
    void writeAfterThePeerClosedEndsInBrokenPipeOrReset() throws Exception {
        try (FakePeer peer = new FakePeer(Socket::close)) {
            Deadline deadline = Deadline.after(Duration.ofSeconds(5));
            Socket s = new Dialer(NameResolver.jdk()).connect("127.0.0.1", peer.port(), deadline, new AtomicReference<>());
            try (Connection c = new Connection(s, deadline)) {
                assertThat(c.readSome(new byte[1], 0, 1, 0, "anything")).isEqualTo(-1); // EOF: the peer's FIN
                // As in the article: the first write after a FIN succeeds, a later one fails.
                ProbeFailure f = org.junit.jupiter.api.Assertions.assertThrows(ProbeFailure.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        c.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(20);
                    }
                });
                assertThat(f.outcome()).isIn(ProbeOutcome.CLOSED_EARLY, ProbeOutcome.RESET);
            }
        }
    }

    @Test
    void connectionsHaveNagleOff() throws Exception {
        try (FakePeer peer = FakePeer.silent();
             Socket s = new Dialer(NameResolver.jdk()).connect("127.0.0.1", peer.port(), Deadline.after(Duration.ofSeconds(2)),
                     new AtomicReference<>())) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void sweptConnectionsHaveNagleOffAndBlock() throws Exception {
        // a sweep's connect sets TCP_NODELAY only once connected (a refused one never pays for it)
        try (FakePeer peer = FakePeer.silent();
             Socket s = new Dialer(NameResolver.jdk()).connectAsync("127.0.0.1", peer.port(),
                     Deadline.after(Duration.ofSeconds(2)), new AtomicReference<>()).get(5, java.util.concurrent.TimeUnit.SECONDS)) {
            assertThat(s.getTcpNoDelay()).isTrue();
            assertThat(s.getChannel().isBlocking()).isTrue();
        }
    }

    @Test
    void unresolvableNameIsADnsFailure() {
        ProbeResult r = prober.probe(ProbeTarget.parse("tcp://no-such-host.invalid:80"), Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.DNS_FAILURE);
        assertThat(r.resolvedAddress()).isNull();
    }

    @Test
    void peerThatClosesAfterReadingNothingIsClosedEarly() throws Exception {
        try (FakePeer peer = new FakePeer(s -> {
            InputStream in = s.getInputStream();
            s.shutdownOutput();
            in.read();
        })) {
            assertThat(prober.probe(peer.target("redis"), Duration.ofSeconds(5)).outcome()).isEqualTo(ProbeOutcome.CLOSED_EARLY);
        }
    }
}
