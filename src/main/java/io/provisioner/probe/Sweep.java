package io.provisioner.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Probes many targets at once with a bounded number of platform threads (JDK 17 has no virtual threads),
 * one blocking probe per thread, so a sweep takes about as long as its slowest probe when there are at
 * least as many threads as slow targets. Workers take targets in input order from a shared counter and the
 * results come back in input order. Threads start each other as a tree: on a busy machine starting a
 * thread waits for the scheduler, and starting 1 500 of them one by one took longer than the probes.
 */
public final class Sweep {
    private static final int FAN_OUT = 4;
    private final Function<ProbeTarget, ProbeResult> probe;

    public Sweep(Prober prober, Duration timeout) {
        this(t -> prober.probe(t, timeout));
    }

    /** Any per-target probe, e.g. a {@link Waiter} wrapped around a prober. */
    public Sweep(Function<ProbeTarget, ProbeResult> probe) {
        this.probe = probe;
    }

    public static List<ProbeResult> run(List<ProbeTarget> targets, Duration timeout, int parallelism) {
        return new Sweep(Prober.direct(), timeout).run(targets, parallelism);
    }

    public List<ProbeResult> run(List<ProbeTarget> targets, int parallelism) {
        int n = targets.size();
        if (n == 0) {
            return List.of();
        }
        ProbeResult[] results = new ProbeResult[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(parallelism, n));
        Thread[] workers = new Thread[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int w = 0; w < threads; w++) {
            int self = w;
            workers[w] = new Thread(null, () -> {
                try {
                    // Each worker starts its children first: thread starts fan out as a tree.
                    for (int c = FAN_OUT * self + 1; c <= FAN_OUT * self + FAN_OUT && c < threads; c++) {
                        workers[c].start();
                    }
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        results[i] = probe.apply(targets.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "probe-" + w, 256 * 1024);
            workers[w].setDaemon(true);
        }
        workers[0].start();
        try {
            done.await();
        } catch (InterruptedException e) {
            Arrays.stream(workers).forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a probe failed unexpectedly", failure.get());
        }
        return new ArrayList<>(Arrays.asList(results));
    }
}
