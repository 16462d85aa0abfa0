package io.provisioner.remote;

import java.time.Duration;
import java.util.List;

/** What a finished remote command gave back. */
public record CommandResult(int exitStatus, String stdout, String stderr, Duration elapsed) {
    /**
     * sudo prints this on every call on a host whose own name is missing from /etc/hosts (common on cloud
     * images); it is a warning, never the error a failed command is reported by.
     */
    private static final String SUDO_HOST_WARNING = "sudo: unable to resolve host ";

    public boolean ok() {
        return exitStatus == 0;
    }

    /** What went wrong in one line: stderr's first (stdout's when stderr says nothing), sudo's host warning passed over. */
    public String firstErrorLine() {
        List<String> lines = errorLines();
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /** As {@link #firstErrorLine()}, but the last line: for tools that print progress first and the error last (git). */
    public String lastErrorLine() {
        List<String> lines = errorLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private List<String> errorLines() {
        List<String> err = meaningful(stderr);
        return err.isEmpty() ? meaningful(stdout) : err;
    }

    private static List<String> meaningful(String text) {
        return text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith(SUDO_HOST_WARNING)).toList();
    }
}
