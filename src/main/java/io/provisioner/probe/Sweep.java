package io.provisioner.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Probes many targets at once through a bounded pool of platform threads (JDK 17 has no virtual threads),
 * one blocking probe per thread, so a sweep takes about as long as its slowest probe when the pool is as
 * large as the slow part of the sweep. Results come back in input order.
 */
public final class Sweep {
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
        if (targets.isEmpty()) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(parallelism, targets.size()));
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "probe-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ProbeResult>> futures = new ArrayList<>(targets.size());
            for (ProbeTarget t : targets) {
                futures.add(pool.submit(() -> probe.apply(t)));
            }
            List<ProbeResult> results = new ArrayList<>(targets.size());
            for (Future<ProbeResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
