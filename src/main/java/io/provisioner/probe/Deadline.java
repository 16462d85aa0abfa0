package io.provisioner.probe;

import java.time.Duration;

/** One absolute deadline for a whole probe; every blocking step asks it how long it may still take. */
final class Deadline {
    private final long end;

    private Deadline(long end) {
        this.end = end;
    }

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /**
     * The same deadline moved back by {@code nanos}: time a probe spent waiting for a free worker in a sweep
     * is the prober's delay, not the target's, so it is not charged to the probe.
     */
    Deadline extendedBy(long nanos) {
        return nanos <= 0 ? this : new Deadline(end + nanos);
    }

    /** Milliseconds left, at least 1 while time remains, 0 once it passed (never the JDK's "0 = infinite"). */
    long remainingMillis() {
        long nanos = end - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return Math.max(1, nanos / 1_000_000);
    }

    boolean expired() {
        return end - System.nanoTime() <= 0;
    }

    /** The remaining time as a socket timeout; throws the right failure when nothing is left. */
    int timeoutOr(ProbeOutcome whenExpired, String what) throws ProbeFailure {
        long ms = remainingMillis();
        if (ms == 0) {
            throw new ProbeFailure(whenExpired, "deadline passed before " + what);
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
