package io.provisioner.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link LocalCommand} ended. {@code exitStatus} is -1 when the process did not report one (stopped
 * and not yet reaped); {@code timedOut} means it ran over its timeout and was stopped.
 */
public record LocalResult(List<String> argv, int exitStatus, String stdout, String stderr, Duration elapsed,
                          boolean timedOut) {
    public boolean ok() {
        return !timedOut && exitStatus == 0;
    }

    /** stdout, then stderr (with {@link LocalCommand#mergingErrors()}: everything, in order). */
    public String output() {
        return stderr.isEmpty() ? stdout : stdout + stderr;
    }

    public CommandResult toCommandResult() {
        return new CommandResult(exitStatus, stdout, stderr, elapsed);
    }

    /** What happened in words: "git init failed (exit 128): ..." or "sleep 4: ran over its timeout, stopped after 1 s". */
    public String describe() {
        String program = String.join(" ", argv);
        if (timedOut) {
            return program + ": ran over its timeout, stopped after " + elapsed.toSeconds() + " s";
        }
        return program + " failed (exit " + exitStatus + "): " + output().strip();
    }

    /** The output when the command succeeded; otherwise an IOException saying what happened. */
    public String requireOk() throws IOException {
        if (!ok()) {
            throw new IOException(describe());
        }
        return output();
    }
}
