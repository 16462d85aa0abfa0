package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WaiterTest {
    private static final ProbeResult UP = new ProbeResult("t", "a", ProbeOutcome.UP, 1, "");
    private static final ProbeResult DOWN = new ProbeResult("t", "a", ProbeOutcome.REFUSED, 1, "");

    @Test
    void needsSuccessThresholdConsecutiveHealthyResults() {
        Deque<ProbeResult> script = new ArrayDeque<>(List.of(DOWN, UP, DOWN, UP, UP, UP, UP));
        AtomicInteger calls = new AtomicInteger();
        ProbeResult r = new Waiter(new WaitPolicy(Duration.ofSeconds(10), Duration.ofMillis(1), 3, 0))
                .await(() -> {
                    calls.incrementAndGet();
                    return script.pop();
                });
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
        assertThat(calls).hasValue(6);
    }

    @Test
    void failureThresholdEndsTheWaitEarly() {
        AtomicInteger calls = new AtomicInteger();
        ProbeResult r = new Waiter(new WaitPolicy(Duration.ofSeconds(30), Duration.ofMillis(1), 1, 3))
                .await(() -> {
                    calls.incrementAndGet();
                    return DOWN;
                });
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(calls).hasValue(3);
    }

    @Test
    void waitRunsOutWithTheLastResult() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        ProbeResult r = new Waiter(WaitPolicy.until(Duration.ofMillis(500), Duration.ofMillis(100)))
                .await(() -> {
                    calls.incrementAndGet();
                    return DOWN;
                });
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        // 5 rounds 100 ms apart on an idle machine; a loaded one starts them late, so fewer fit in the wait
        assertThat(calls.get()).isBetween(3, 8);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500 + 3000);
    }

    @Test
    void waitsForAServerThatStartsLater() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(600);
                try (var s = new java.net.ServerSocket(port, 5, java.net.InetAddress.getLoopbackAddress())) {
                    s.setSoTimeout(5000);
                    s.accept().close();
                }
            } catch (Exception ignored) {
                // the assertion below reports it
            }
        });
        late.start();
        ProbeResult r = new Waiter(WaitPolicy.until(Duration.ofSeconds(5), Duration.ofMillis(100)))
                .await(Prober.direct(), ProbeTarget.parse("tcp://127.0.0.1:" + port), Duration.ofSeconds(1));
        late.join();
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.elapsedMillis()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void theWaitLastsItsWholeBudgetWhenTheIntervalDoesNotDivideIt() {
        // rounds at 0, 400 and 800 ms; the next one at 1200 would be past the end, so the last runs at 1000 ms
        long start = System.nanoTime();
        AtomicInteger calls = new AtomicInteger();
        ProbeResult r = new Waiter(WaitPolicy.until(Duration.ofMillis(1000), Duration.ofMillis(400))).await(() -> {
            calls.incrementAndGet();
            return DOWN;
        });
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(waitedMillis).as("the wait ran out its budget").isGreaterThanOrEqualTo(1000);
        assertThat(calls.get()).as("a last round at the end of the budget").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theAsyncWaitLastsItsWholeBudgetToo() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = new Waiter(WaitPolicy.until(Duration.ofMillis(1000), Duration.ofMillis(400)))
                .awaitAsync(() -> java.util.concurrent.CompletableFuture.completedFuture(DOWN))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
    }
}
