package io.provisioner.service.db;

/** One attempt's stack.sh log of a host, as stored so far: how many (UTF-8) bytes it holds. */
public record LogAttempt(String host, int attempt, long bytes) {
}
