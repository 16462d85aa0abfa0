package io.provisioner.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

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
        return run(targets, parallelism, null);
    }

    /**
     * The same, handing each result to {@code inOrder} on the calling thread, in input order, as soon as it and every
     * result before it are in, while later probes still run: a report built this way is ready when the last probe
     * ends, instead of being started then (a cold sweep spent 20-50 ms after its last timeout writing 1 500 results).
     * If a probe fails unexpectedly, {@code inOrder} gets no more results and the run throws as the other form does.
     */
    public List<ProbeResult> run(List<ProbeTarget> targets, int parallelism, Consumer<ProbeResult> inOrder) {
        int count = targets.size();
        if (count == 0) {
            return List.of();
        }
        int limit = Math.max(1, Math.min(parallelism, count));
        InOrder results = new InOrder(count);
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
            // The first probe is started before any helper runs: two threads linking the probe path's lambda call
            // sites at the same moment made one of them spin a lambda class of its own instead of taking the
            // archive's (-Xlog:class+load: a Prober or Sweep lambda "source: io.provisioner.probe..." in some runs)
            int first = next.getAndIncrement();
            slots.acquire();
            start(order[first], targets.get(order[first]), workers, results, failure, slots, done);
            int starters = Math.min(Runtime.getRuntime().availableProcessors(), (count + 63) / 64);
            for (int number = 1; number < starters; number++) {
                Thread thread = new Thread(starter, "probe-starter-" + number);
                thread.setDaemon(true);
                thread.start();
            }
            starter.run();
            // once every result was handed over there is nothing left to wait for (the probes' last steps, a slot
            // released and the count taken down, may still be running: a wait on the latch then loaded a class
            // the archive does not hold, just after the last timeout)
            if (inOrder == null || !results.deliver(inOrder, failure)) {
                done.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a probe failed unexpectedly", failure.get());
        }
        return results.all();
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

    private void start(int index, ProbeTarget target, WorkerPool workers, InOrder results,
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
                results.failed();
            } else {
                results.set(index, result);
            }
            slots.release();
            done.countDown();
        });
    }

    /**
     * The results by input index, filled by whichever thread ends a probe, and handed out in input order on the
     * thread that waits for them: it parks only while the very result it needs is missing, and the probe that sets
     * that one wakes it.
     */
    private static final class InOrder {
        private final AtomicReferenceArray<ProbeResult> results;
        /** The index the waiting thread needs next; -1 when none waits. */
        private volatile int awaited = -1;
        private volatile Thread waiter;

        InOrder(int count) {
            results = new AtomicReferenceArray<>(count);
        }

        void set(int index, ProbeResult result) {
            results.set(index, result);
            if (awaited == index) {
                LockSupport.unpark(waiter);
            }
        }

        /** A probe ended without a result: the waiting thread stops waiting for results. */
        void failed() {
            Thread current = waiter;
            if (current != null) {
                LockSupport.unpark(current);
            }
        }

        /**
         * Hands every result to {@code consumer} in input order, as they come; true once all were handed over, false
         * when it stopped early because {@code failure} was set.
         */
        boolean deliver(Consumer<ProbeResult> consumer, AtomicReference<Throwable> failure) throws InterruptedException {
            waiter = Thread.currentThread();
            try {
                for (int index = 0; index < results.length(); index++) {
                    ProbeResult result = results.get(index);
                    while (result == null) {
                        awaited = index;
                        // set, then check again: a probe that ended in between either saw awaited or is seen here
                        result = results.get(index);
                        if (result != null) {
                            break;
                        }
                        if (failure.get() != null) {
                            return false;
                        }
                        LockSupport.park(this);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                        result = results.get(index);
                    }
                    awaited = -1;
                    consumer.accept(result);
                }
                return true;
            } finally {
                awaited = -1;
                waiter = null;
            }
        }

        List<ProbeResult> all() {
            List<ProbeResult> all = new ArrayList<>(results.length());
            for (int index = 0; index < results.length(); index++) {
                all.add(results.get(index));
            }
            return all;
        }
    }
}
