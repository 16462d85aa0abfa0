package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    @Test
    void sweepTakesAboutItsSlowestProbeAndKeepsInputOrder() throws Exception {
        Duration timeout = Duration.ofMillis(700);
        List<FakePeer> silent = new ArrayList<>();
        List<ProbeTarget> targets = new ArrayList<>();
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        try {
            for (int i = 0; i < 20; i++) {
                FakePeer p = FakePeer.silent();
                silent.add(p);
                targets.add(p.target("redis"));
                targets.add(ProbeTarget.parse("tcp://127.0.0.1:" + refusedPort));
            }
            long start = System.nanoTime();
            List<ProbeResult> results = Sweep.run(targets, timeout, 64);
            long wall = (System.nanoTime() - start) / 1_000_000;
            assertThat(results).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(results.get(i).target()).isEqualTo(targets.get(i).text());
                assertThat(results.get(i).outcome()).isEqualTo(i % 2 == 0 ? ProbeOutcome.READ_TIMEOUT : ProbeOutcome.REFUSED);
            }
            // Sequential would be 20 x 700 ms = 14 s; the slack is for a loaded machine.
            assertThat(wall).isLessThan(timeout.toMillis() + 3000);
        } finally {
            for (FakePeer p : silent) {
                p.close();
            }
        }
    }

    @Test
    void sweptProbesClassifyLikeSingleProbes() throws Exception {
        // A swept probe connects through the selector and reads from a channel's socket: the same outcomes.
        Duration timeout = Duration.ofMillis(800);
        try (FakePeer silent = FakePeer.silent();
             FakePeer partial = FakePeer.sending(Arrays.copyOf(Greetings.MARIADB, 30), false);
             FakePeer closing = FakePeer.sending(Arrays.copyOf(Greetings.MARIADB, 30), true);
             FakePeer resetting = new FakePeer(s -> {
                 s.setSoLinger(true, 0);
                 s.close();
             });
             FakePeer mariadb = FakePeer.sending(Greetings.MARIADB, false)) {
            List<ProbeTarget> targets = List.of(silent.target("mysql"), partial.target("mysql"),
                    closing.target("mysql"), resetting.target("mysql"), mariadb.target("mysql"), silent.target("tcp"));
            List<ProbeOutcome> expected = List.of(ProbeOutcome.READ_TIMEOUT, ProbeOutcome.PARTIAL, ProbeOutcome.CLOSED_EARLY, ProbeOutcome.RESET,
                    ProbeOutcome.UP, ProbeOutcome.UP);
            List<ProbeResult> swept = new Sweep(Prober.direct(), timeout).run(targets, 8);
            for (int i = 0; i < targets.size(); i++) {
                ProbeResult single = Prober.direct().probe(targets.get(i), timeout);
                assertThat(swept.get(i).outcome()).as(swept.get(i).toLine()).isEqualTo(expected.get(i));
                assertThat(single.outcome()).as(single.toLine()).isEqualTo(expected.get(i));
                assertThat(swept.get(i).resolvedAddress()).isEqualTo(single.resolvedAddress());
            }
            assertThat(swept.get(0).elapsedMillis()).isGreaterThanOrEqualTo(timeout.toMillis() - 20);
        }
    }

    @Test
    void fewerSlotsThanTargetsStillGivesEveryProbeItsWholeBudget() throws Exception {
        // One probe at a time: the second silent peer must not be cut short by time the first one used.
        Duration timeout = Duration.ofMillis(500);
        try (FakePeer a = FakePeer.silent(); FakePeer b = FakePeer.silent()) {
            List<ProbeResult> r = new Sweep(Prober.direct(), timeout).run(List.of(a.target("redis"), b.target("redis")), 1);
            assertThat(r).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.READ_TIMEOUT, ProbeOutcome.READ_TIMEOUT);
            assertThat(r).allSatisfy(x -> assertThat(x.elapsedMillis()).isGreaterThanOrEqualTo(timeout.toMillis() - 20));
        }
    }

    @Test
    void waitingSweepProbesAgainUntilTheServiceComesUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ServerSocket[] late = new ServerSocket[1];
        java.util.concurrent.CountDownLatch sweepStarting = new java.util.concurrent.CountDownLatch(1);
        Thread opener = new Thread(() -> {
            try {
                sweepStarting.await();
                Thread.sleep(600);
                late[0] = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
            } catch (Exception ignored) {
                // the assertion below tells
            }
        });
        opener.start();
        try {
            Sweep sweep = new Sweep(Prober.direct(), Duration.ofSeconds(1),
                    WaitPolicy.until(Duration.ofSeconds(20), Duration.ofMillis(100)));
            // the 600 ms count from here; a loaded machine may take a while more to start the sweep's first round
            sweepStarting.countDown();
            List<ProbeResult> r = sweep.run(List.of(ProbeTarget.parse("tcp://127.0.0.1:" + port)), 4);
            assertThat(r.get(0).outcome()).as(r.get(0).toLine()).isEqualTo(ProbeOutcome.UP);
            assertThat(r.get(0).elapsedMillis()).as("several rounds, not the first").isGreaterThanOrEqualTo(300);
        } finally {
            opener.join();
            if (late[0] != null) {
                late[0].close();
            }
        }
    }

    @Test
    void loopbackTargetsStartAfterTheOthersEachInInputOrder() {
        List<ProbeTarget> targets = List.of(ProbeTarget.parse("tcp://127.0.0.1:1"), ProbeTarget.parse("tcp://10.0.0.1:2"),
                ProbeTarget.parse("tcp://localhost:3"), ProbeTarget.parse("tcp://db.lab:4"),
                ProbeTarget.parse("tcp://[::1]:5"), ProbeTarget.parse("tcp://127.1.2.3:6"),
                ProbeTarget.parse("tcp://[fe80::1]:7"), ProbeTarget.parse("http://12.7.0.1:8/"));
        assertThat(Sweep.startOrder(targets)).containsExactly(1, 3, 6, 7, 0, 2, 4, 5);
        assertThat(Sweep.startOrder(List.of())).isEmpty();
    }

    @Test
    void resultsComeBackInInputOrderWhateverTheStartOrder() throws Exception {
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the two loopback targets start after the name, which never resolves (RFC 6761's .invalid)
            List<ProbeTarget> targets = List.of(ProbeTarget.parse("tcp://127.0.0.1:" + open.getLocalPort()),
                    ProbeTarget.parse("tcp://nonexistent.invalid:" + refusedPort),
                    ProbeTarget.parse("tcp://127.0.0.1:" + refusedPort));
            List<ProbeResult> results = Sweep.run(targets, Duration.ofSeconds(2), 8);
            assertThat(results).extracting(ProbeResult::target).containsExactly(targets.get(0).text(),
                    targets.get(1).text(), targets.get(2).text());
            assertThat(results).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.UP,
                    ProbeOutcome.DNS_FAILURE, ProbeOutcome.REFUSED);
        }
    }

    @Test
    void resultsAreHandedOverInInputOrderWhileLaterProbesStillRun() throws Exception {
        Duration timeout = Duration.ofMillis(1500);
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        try (FakePeer silent = FakePeer.silent(); ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<ProbeTarget> targets = List.of(ProbeTarget.parse("tcp://127.0.0.1:" + refusedPort),
                    ProbeTarget.parse("tcp://127.0.0.1:" + open.getLocalPort()), silent.target("redis"),
                    ProbeTarget.parse("tcp://127.0.0.1:" + refusedPort));
            List<ProbeResult> handed = new ArrayList<>();
            List<Long> handedAt = new ArrayList<>();
            long start = System.nanoTime();
            List<ProbeResult> results = new Sweep(Prober.direct(), timeout).run(targets, 8, result -> {
                handed.add(result);
                handedAt.add(System.nanoTime());
            });
            long end = System.nanoTime();
            assertThat(handed).containsExactlyElementsOf(results);
            assertThat(results).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.REFUSED, ProbeOutcome.UP,
                    ProbeOutcome.READ_TIMEOUT, ProbeOutcome.REFUSED);
            // the two before the silent peer are handed over while it still waits out its 1.5 s
            assertThat((end - start) / 1_000_000).isGreaterThanOrEqualTo(timeout.toMillis() - 20);
            assertThat((handedAt.get(1) - start) / 1_000_000).isLessThan(timeout.toMillis() - 500);
            assertThat(handedAt.get(3)).isGreaterThanOrEqualTo(handedAt.get(2));
        }
    }

    @Test
    void withoutAConsumerTheSameResultsComeBack() throws Exception {
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            targets.add(ProbeTarget.parse("tcp://127.0.0.1:" + refusedPort));
        }
        List<ProbeResult> handed = new ArrayList<>();
        List<ProbeResult> results = new Sweep(Prober.direct(), Duration.ofSeconds(2)).run(targets, 16, handed::add);
        assertThat(handed).hasSize(200).containsExactlyElementsOf(results);
        assertThat(new Sweep(Prober.direct(), Duration.ofSeconds(2)).run(targets, 16))
                .extracting(ProbeResult::outcome).containsOnly(ProbeOutcome.REFUSED).hasSize(200);
    }
}
