package io.provisioner.probe;

import java.time.Duration;
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
        long start = System.nanoTime();
        long end = start + policy.maxWait().toNanos();
        int successes = 0;
        int failures = 0;
        while (true) {
            long round = System.nanoTime();
            ProbeResult r = probe.get();
            if (r.isHealthy()) {
                successes++;
                failures = 0;
            } else {
                failures++;
                successes = 0;
            }
            boolean decided = successes >= policy.successThreshold()
                    || (policy.failureThreshold() > 0 && failures >= policy.failureThreshold());
            long next = round + policy.interval().toNanos();
            if (decided || next >= end) {
                return new ProbeResult(r.target(), r.resolvedAddress(), r.outcome(),
                        (System.nanoTime() - start) / 1_000_000, r.detail());
            }
            sleepUntil(next);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
