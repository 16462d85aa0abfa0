package io.provisioner.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Probes many targets at once, at most {@code parallelism} in flight, results in input order. A probe's
 * connect holds no thread (see {@link ConnectSelector}), so every black-holed target of a sweep waits out its
 * deadline at the same time and the sweep takes about as long as its slowest probe. Only the exchange after
 * a connect (TLS, the protocol check) runs on a thread, from a pool of at most {@code parallelism} threads that
 * grows only when all its threads are busy. Each probe's deadline starts when the probe starts, never at the
 * sweep's start, so a probe that waited for its turn still gets its whole budget.
 */
public final class Sweep {
    /** Starts one probe; its exchange may run on {@code workers}. */
    private interface AsyncProbe {
        CompletableFuture<ProbeResult> start(ProbeTarget target, Executor workers);
    }

    /** Queued targets per starter thread: a sweep of 64 or fewer is started by its caller alone. */
    private static final int TARGETS_PER_STARTER = 64;

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
        if (targets.isEmpty()) {
            return List.of();
        }
        try (Feed feed = feed(Math.min(parallelism, targets.size()))) {
            targets.forEach(feed::add);
            return feed.results();
        }
    }

    /**
     * A sweep whose targets arrive one by one, probed as they arrive: a targets file's first probes start while
     * the rest of it is still being read. {@link Feed#results} ends it; {@link Feed#close} before that abandons it
     * (bad input further on): no more probes start, those in flight end at their deadlines.
     */
    public Feed feed(int parallelism) {
        return new Feed(Math.max(1, parallelism));
    }

    /** A running sweep fed by one thread; see {@link #feed}. */
    public final class Feed implements AutoCloseable {
        /** One target in input order; {@code result} is written by whichever thread ends the probe. */
        private static final class Slot {
            final ProbeTarget target;
            volatile ProbeResult result;

            Slot(ProbeTarget target) {
                this.target = target;
            }
        }

        /** Queued after the last target, one per helper thread: that helper stops. */
        private static final Slot END = new Slot(null);

        private final List<Slot> slots = new ArrayList<>();
        private final LinkedBlockingQueue<Slot> queued = new LinkedBlockingQueue<>();
        private final Semaphore inFlight;
        private final Semaphore ended = new Semaphore(0);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final WorkerPool workers;
        /** One helper per further core; one on a single core too, so targets are probed while they are read. */
        private final int maxHelpers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        private int helpers;
        private boolean closed;
        /** Set by {@link #close}: a helper that was waiting for a free slot starts nothing more. */
        private volatile boolean abandoned;

        private Feed(int parallelism) {
            inFlight = new Semaphore(parallelism);
            workers = new WorkerPool(parallelism, "probe");
        }

        /**
         * Queues a target; its probe starts on a helper thread. Opening sockets and starting connects is CPU work,
         * so one helper per core shares it, each taken on once 64 more targets wait (the caller is the last).
         */
        public void add(ProbeTarget target) {
            if (closed) {
                throw new IllegalStateException("sweep already ended");
            }
            Slot slot = new Slot(target);
            slots.add(slot);
            queued.add(slot);
            if (helpers < maxHelpers && slots.size() > TARGETS_PER_STARTER * (helpers + 1)) {
                helpers++;
                Thread helper = new Thread(this::startQueued, "probe-starter-" + helpers);
                helper.setDaemon(true);
                helper.start();
            }
        }

        /** Targets added so far. */
        public int size() {
            return slots.size();
        }

        /** No more targets: the caller starts what is still queued, then waits for every probe; input order. */
        public List<ProbeResult> results() {
            if (closed) {
                throw new IllegalStateException("sweep already ended");
            }
            closed = true;
            // the helpers take from the same queue; their END markers go in once it is empty, so none is taken here
            for (Slot slot = queued.poll(); slot != null; slot = queued.poll()) {
                if (!start(slot)) {
                    break;
                }
            }
            stopHelpers();
            try {
                ended.acquire(slots.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            } finally {
                workers.close();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a probe failed unexpectedly", failure.get());
            }
            List<ProbeResult> results = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                results.add(slot.result);
            }
            return results;
        }

        /** Abandons the sweep unless {@link #results} ended it: queued targets are dropped, no probe starts. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = true;
            queued.clear();
            stopHelpers();
            workers.close();
        }

        private void stopHelpers() {
            for (int i = 0; i < helpers; i++) {
                queued.add(END);
            }
        }

        /** A helper thread: starts queued targets until its END (or an abandoned sweep's clear) comes. */
        private void startQueued() {
            try {
                for (Slot slot = queued.take(); slot != END; slot = queued.take()) {
                    if (!start(slot)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Starts one probe once a slot is free; false if interrupted while waiting for it, or abandoned. */
        private boolean start(Slot slot) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (abandoned) {
                inFlight.release();
                return false;
            }
            CompletableFuture<ProbeResult> future;
            try {
                future = probe.start(slot.target, workers);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((result, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    slot.result = result;
                }
                inFlight.release();
                ended.release();
            });
            return true;
        }
    }
}
