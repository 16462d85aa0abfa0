package io.provisioner.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Repeats a probe under a {@link WaitPolicy}; returns the result that decided (or the last one). */
public final class Waiter {
    private final WaitPolicy policy;

    public Waiter(WaitPolicy policy) {
        this.policy = policy;
    }

    public ProbeResult await(Prober prober, ProbeTarget target, Duration timeout) {
        return await(() -> prober.probe(target, timeout));
    }

    public ProbeResult await(Supplier<ProbeResult> probe) {
        Rounds rounds = new Rounds();
        while (true) {
            long round = System.nanoTime();
            ProbeResult result = probe.get();
            if (rounds.decided(result, round)) {
                return rounds.last(result);
            }
            sleepUntil(rounds.nextRound(round));
        }
    }

    /** The same, holding no thread between rounds: the next round is started by a timer. */
    CompletableFuture<ProbeResult> awaitAsync(Supplier<CompletableFuture<ProbeResult>> probe) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        round(probe, new Rounds(), result);
        return result;
    }

    private void round(Supplier<CompletableFuture<ProbeResult>> probe, Rounds rounds, CompletableFuture<ProbeResult> result) {
        long round = System.nanoTime();
        probe.get().whenComplete((probeResult, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (rounds.decided(probeResult, round)) {
                result.complete(rounds.last(probeResult));
            } else {
                long delay = Math.max(0, rounds.nextRound(round) - System.nanoTime());
                CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS)
                        .execute(() -> round(probe, rounds, result));
            }
        });
    }

    /** Consecutive healthy and unhealthy results so far, and whether the wait is over. */
    private final class Rounds {
        private final long start = System.nanoTime();
        private final long end = start + policy.maxWait().toNanos();
        private int rounds;
        private int successes;
        private int failures;

        /** Whether {@code r}, from a round that started at {@code round}, ends the wait. */
        boolean decided(ProbeResult result, long round) {
            rounds++;
            if (result.isHealthy()) {
                successes++;
                failures = 0;
            } else {
                failures++;
                successes = 0;
            }
            return successes >= policy.successThreshold()
                    || (policy.failureThreshold() > 0 && failures >= policy.failureThreshold())
                    || round >= end || System.nanoTime() >= end;
        }

        /**
         * When the round after one that started at {@code round} starts: an interval later, but never after the end
         * of the wait, so the last round runs at the end of the budget and the wait lasts all of it.
         */
        long nextRound(long round) {
            return Math.min(round + policy.interval().toNanos(), end);
        }

        /** The deciding result; after more than one round its elapsed time covers the whole wait. */
        ProbeResult last(ProbeResult result) {
            if (rounds == 1) {
                return result;
            }
            return new ProbeResult(result.target(), result.resolvedAddress(), result.outcome(),
                    (System.nanoTime() - start) / 1_000_000, result.detail());
        }
    }

    /** Sleeps until {@code nanoTime} to the nanosecond: a sleep cut to whole milliseconds would wake just
     *  short of the wait's end and run rounds back to back until it passed. */
    private static void sleepUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
