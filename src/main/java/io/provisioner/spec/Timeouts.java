package io.provisioner.spec;

import java.time.Duration;

/** How long stack.sh, one ordinary remote command, and an SSH connect may take. */
public record Timeouts(Duration stack, Duration command, Duration connect) {
}
