package io.provisioner.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Probes many targets at once, at most {@code parallelism} in flight, results in input order. A probe's
 * connect holds no thread (see {@link ConnectSelector}), so every black-holed target of a sweep waits out its
 * deadline at the same time and the sweep takes about as long as its slowest probe. Only the exchange after
 * a connect (TLS, the protocol check) runs on a thread, from a pool of at most {@code parallelism} threads that
 * grows only when all its threads are busy. Each probe's deadline starts when the probe starts, never at the
 * sweep's start, so a probe that waited for its turn still gets its whole budget. Probes start in
 * {@link #startOrder}, results come back in input order.
 */
public final class Sweep {
    /** Starts one probe; its exchange may run on {@code workers}. */
    private interface AsyncProbe {
        CompletableFuture<ProbeResult> start(ProbeTarget target, Executor workers);
    }

    private final AsyncProbe probe;

    /** One probe per target. */
    public Sweep(Prober prober, Duration timeout) {
        this.probe = (target, workers) -> prober.probeAsync(target, timeout, workers);
    }

    /** Each target probed again and again under {@code policy}; waiting between rounds holds no thread either. */
    public Sweep(Prober prober, Duration timeout, WaitPolicy policy) {
        if (policy.maxWait().isZero()) {
            // no time to wait: exactly one round, whatever the thresholds say, so no Waiter around each probe
            this.probe = (target, workers) -> prober.probeAsync(target, timeout, workers);
            return;
        }
        Waiter waiter = new Waiter(policy);
        this.probe = (target, workers) -> waiter.awaitAsync(() -> prober.probeAsync(target, timeout, workers));
    }

    public static List<ProbeResult> run(List<ProbeTarget> targets, Duration timeout, int parallelism) {
        return new Sweep(Prober.direct(), timeout).run(targets, parallelism);
    }

    public List<ProbeResult> run(List<ProbeTarget> targets, int parallelism) {
        int count = targets.size();
        if (count == 0) {
            return List.of();
        }
        int limit = Math.max(1, Math.min(parallelism, count));
        ProbeResult[] results = new ProbeResult[count];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Semaphore slots = new Semaphore(limit);
        CountDownLatch done = new CountDownLatch(count);
        int[] order = startOrder(targets);
        AtomicInteger next = new AtomicInteger();
        try (WorkerPool workers = new WorkerPool(limit, "probe")) {
            // Opening sockets and starting connects is the caller's work: one starter per core shares it.
            Runnable starter = () -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    try {
                        slots.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    int i = order[n];
                    start(i, targets.get(i), workers, results, failure, slots, done);
                }
            };
            int starters = Math.min(Runtime.getRuntime().availableProcessors(), (count + 63) / 64);
            for (int number = 1; number < starters; number++) {
                Thread thread = new Thread(starter, "probe-starter-" + number);
                thread.setDaemon(true);
                thread.start();
            }
            starter.run();
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a probe failed unexpectedly", failure.get());
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * The indexes of {@code targets} in the order their probes start: every other target first, then those on a
     * loopback address, each group in input order. A sweep ends when its last-started silent target has waited out
     * its timeout, and starting 1 500 probes takes a cold JVM a few hundred milliseconds. A loopback connect is
     * answered inside the connect call itself (the kernel handles the SYN-ACK or the RST before it returns), so those
     * probes end as they start, wherever they are in the order; a remote target may be the one that waits.
     */
    static int[] startOrder(List<ProbeTarget> targets) {
        int[] order = new int[targets.size()];
        int first = 0;
        int last = order.length;
        for (int i = order.length - 1; i >= 0; i--) {
            if (onLoopback(targets.get(i).host())) {
                order[--last] = i;
            }
        }
        for (int i = 0; i < order.length; i++) {
            if (!onLoopback(targets.get(i).host())) {
                order[first++] = i;
            }
        }
        return order;
    }

    /** 127.0.0.0/8 written as a dotted quad, ::1, or localhost: where a connect is decided at once. */
    private static boolean onLoopback(String host) {
        return host.startsWith("127.") || host.equals("::1") || host.equalsIgnoreCase("localhost");
    }

    private void start(int index, ProbeTarget target, WorkerPool workers, ProbeResult[] results,
                       AtomicReference<Throwable> failure, Semaphore slots, CountDownLatch done) {
        CompletableFuture<ProbeResult> future;
        try {
            future = probe.start(target, workers);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((result, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                results[index] = result;
            }
            slots.release();
            done.countDown();
        });
    }
}
