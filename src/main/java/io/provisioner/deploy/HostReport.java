package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnosis;
import io.provisioner.probe.ProbeResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the reports say about one host. {@code message} is the one clear paragraph a person reads on
 * failure (what broke, where, what was tried); {@code diagnosis} is the last one made, null on a clean run.
 */
public record HostReport(String host, String role, HostStatus status, int attempts, List<StepReport> steps,
                         List<String> fixupsApplied, Diagnosis diagnosis, List<ProbeResult> probes,
                         Map<String, Integer> timing, Map<String, String> facts, Path log, String message) {
}
