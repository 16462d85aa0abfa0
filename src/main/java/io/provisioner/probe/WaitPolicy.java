package io.provisioner.probe;

import java.time.Duration;

/**
 * How long and how to keep probing, with Kubernetes' probe semantics: the state changes only after
 * {@code successThreshold} consecutive healthy results (up) or {@code failureThreshold} consecutive
 * unhealthy ones (down); {@code failureThreshold == 0} means "only the wait ends it". A probe runs every
 * {@code interval} (measured start to start); the whole thing ends after {@code maxWait} at the latest.
 */
public record WaitPolicy(Duration maxWait, Duration interval, int successThreshold, int failureThreshold) {

    public WaitPolicy {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("--wait must not be negative");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("--interval must be positive");
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("success threshold must be at least 1");
        }
        if (failureThreshold < 0) {
            throw new IllegalArgumentException("failure threshold must be 0 (none) or more");
        }
    }

    /** One probe, no waiting. */
    public static WaitPolicy once() {
        return new WaitPolicy(Duration.ZERO, Duration.ofSeconds(1), 1, 1);
    }

    /** Keep probing every {@code interval} until one probe is healthy or {@code maxWait} has passed. */
    public static WaitPolicy until(Duration wait, Duration interval) {
        return new WaitPolicy(wait, interval, 1, 0);
    }
}
