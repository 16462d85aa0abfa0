package io.provisioner.deploy;

import java.util.Set;

/**
 * Preflight knobs. {@code skip} holds check names the user opted out of; the thresholds are DevStack's
 * practical minimums for an all-in-one node.
 */
public record PreflightOptions(Set<String> skip, int minCpus, long minMemoryMb, long minDiskGb) {
    /** Every check's name, as {@code --skip-check} takes it ({@link PreflightCheck} is the type). */
    public static final Set<String> CHECKS = PreflightCheck.labels();

    public static PreflightOptions defaults() {
        return new PreflightOptions(Set.of(), 2, 4096, 20);
    }

    public PreflightOptions skipping(Set<String> names) {
        return new PreflightOptions(Set.copyOf(names), minCpus, minMemoryMb, minDiskGb);
    }

    public boolean runs(PreflightCheck check) {
        return !skip.contains(check.label());
    }
}
