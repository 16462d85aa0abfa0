package io.provisioner.diagnose;

/** A log line that supports the diagnosis, with its 1-based line number in the input. */
public record Evidence(long line, String text) {
}
