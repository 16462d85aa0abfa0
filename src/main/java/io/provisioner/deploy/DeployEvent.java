package io.provisioner.deploy;

import java.time.Duration;

/** What the deploy tells its audience (console, CI) as it goes. */
public sealed interface DeployEvent {
    String host();

    /** A step began (connect, preflight, prepare, stack, verify, diagnose, fixup:NAME, unstack). */
    record StepStarted(String host, String step, int attempt) implements DeployEvent {
    }

    /** A step ended. {@code detail} is masked already. */
    record StepFinished(String host, String step, int attempt, StepStatus status, Duration took, String detail)
            implements DeployEvent {
    }

    /** stack.sh is running: the phase read from the xtrace, how long it has run, its last log line. */
    record Progress(String host, String phase, Duration elapsed, String lastLine) implements DeployEvent {
    }

    /**
     * One line of stack.sh's log as the deploy follows it, masked, in order; attempt 1, 2, ... (a re-attached
     * follow delivers the attempt's lines again from its first line).
     */
    record LogLine(String host, int attempt, String text) implements DeployEvent {
    }

    /** The host is done, one way or the other. */
    record HostFinished(String host, HostReport report) implements DeployEvent {
    }
}
