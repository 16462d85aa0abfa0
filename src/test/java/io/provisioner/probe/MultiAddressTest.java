package io.provisioner.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A name with several addresses, each a real loopback socket on the same port: 127.0.0.2 with a full listen
 * backlog (SYNs dropped: a black hole), 127.0.0.3 with nothing listening (refused), 127.0.0.4 listening (up).
 * Only the resolver is substituted, so the order of the addresses is the test's to choose.
 */
class MultiAddressTest {
    private static final InetAddress BLACK_HOLE = address(2);
    private static final InetAddress REFUSING = address(3);
    private static final InetAddress LISTENING = address(4);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final int port;

    MultiAddressTest() throws Exception {
        ServerSocket up = new ServerSocket(0, 50, LISTENING);
        open.add(up);
        port = up.getLocalPort();
        ServerSocket never = new ServerSocket(port, 1, BLACK_HOLE);
        open.add(never);
        // Fill the accept queue: once full, the kernel drops further SYNs and a connect waits out its timeout.
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(BLACK_HOLE, port), 200);
                open.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                break;
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Prober resolving(InetAddress... addresses) {
        return Prober.direct().resolvingWith(host -> {
            if (host.equals("multi.test")) {
                return addresses.clone();
            }
            throw new UnknownHostException(host);
        });
    }

    private ProbeTarget target() {
        return ProbeTarget.parse("tcp://multi.test:" + port);
    }

    @Test
    void blackHoledFirstThenRefusedThenUpEndsUpAtTheThird() {
        ProbeResult r = resolving(BLACK_HOLE, REFUSING, LISTENING).probe(target(), Duration.ofSeconds(3));
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.4:" + port);
        // The black hole had its share (a third of the budget) and no more.
        assertThat(r.elapsedMillis()).isBetween(900L, 2900L);
    }

    @Test
    void refusedFirstFallsThroughAtOnce() {
        ProbeResult r = resolving(REFUSING, LISTENING).probe(target(), Duration.ofSeconds(3));
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.4:" + port);
    }

    @Test
    void sweptProbeTriesEveryAddressToo() {
        ProbeResult r = new Sweep(resolving(BLACK_HOLE, REFUSING, LISTENING), Duration.ofSeconds(3))
                .run(List.of(target()), 4).get(0);
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.4:" + port);
    }

    @Test
    void everyAddressFailingReportsTheFirstFailureAndTheLastAddressTried() {
        ProbeResult r = resolving(BLACK_HOLE, REFUSING).probe(target(), Duration.ofSeconds(1));
        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.CONNECT_TIMEOUT);
        assertThat(r.resolvedAddress()).isEqualTo("127.0.0.3:" + port);

        ProbeResult swept = new Sweep(resolving(REFUSING, BLACK_HOLE), Duration.ofSeconds(1)).run(List.of(target()), 1).get(0);
        assertThat(swept.outcome()).as(swept.toLine()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(swept.resolvedAddress()).isEqualTo("127.0.0.2:" + port);
    }

    @Test
    void nameThatDoesNotResolveIsADnsFailureWithNoAddress() {
        ProbeResult r = resolving(LISTENING).probe(ProbeTarget.parse("tcp://nowhere.test:" + port), Duration.ofSeconds(2));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.DNS_FAILURE);
        assertThat(r.resolvedAddress()).isNull();
        assertThat(r.detail()).contains("nowhere.test");
    }

    @Test
    void lookupThatHangsIsADnsFailureAtTheDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Prober stuck = Prober.direct().resolvingWith(host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        try {
            ProbeResult single = stuck.probe(target(), Duration.ofMillis(500));
            assertThat(single.outcome()).isEqualTo(ProbeOutcome.DNS_FAILURE);
            assertThat(single.detail()).contains("did not finish before the deadline");
            assertThat(single.elapsedMillis()).isBetween(450L, 5000L);

            ProbeResult swept = new Sweep(stuck, Duration.ofMillis(500)).run(List.of(target()), 1).get(0);
            assertThat(swept.outcome()).isEqualTo(ProbeOutcome.DNS_FAILURE);
            assertThat(swept.detail()).contains("did not finish before the deadline");
        } finally {
            never.countDown();
        }
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
