package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
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
                assertThat(results.get(i).outcome()).isEqualTo(i % 2 == 0 ? Outcome.READ_TIMEOUT : Outcome.REFUSED);
            }
            // Sequential would be 20 x 700 ms = 14 s.
            assertThat(wall).isLessThan(timeout.toMillis() * 4);
        } finally {
            for (FakePeer p : silent) {
                p.close();
            }
        }
    }
}
