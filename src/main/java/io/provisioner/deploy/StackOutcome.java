package io.provisioner.deploy;

import io.provisioner.devstack.Era;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How one stack.sh run ended: its exit status, the local (masked) copy of its log, how long it took, the
 * summary facts read from the log (host IP, Keystone and Horizon URLs) and DevStack's timing table.
 */
record StackOutcome(int exitCode, Path localLog, Duration took, Era era, Map<String, String> facts,
                    Map<String, Integer> timing) {
}
