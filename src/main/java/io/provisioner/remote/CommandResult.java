package io.provisioner.remote;

import java.time.Duration;

/** What a finished remote command gave back. */
public record CommandResult(int exitStatus, String stdout, String stderr, Duration elapsed) {
    public boolean ok() {
        return exitStatus == 0;
    }
}
