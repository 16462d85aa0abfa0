package io.provisioner.sandbox;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to start a sandbox lab.
 *
 * @param hosts   number of simulated hosts (1..16)
 * @param era     the DevStack the simulator imitates: {@code "current"} or {@code "2016"}
 * @param faults  fault names: {@code seed}, {@code none}, {@code all} or labels of {@link SandboxFault}
 * @param baseDir where the lab's root is created; null for a temporary directory
 * @param keep    keep the root on {@link SandboxLab#close()}
 */
public record SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep) {
    public SandboxOptions {
        if (hosts < 1 || hosts > 16) {
            throw new IllegalArgumentException("sandbox hosts must be 1..16, got " + hosts);
        }
        if (!"current".equals(era) && !"2016".equals(era)) {
            throw new IllegalArgumentException("sandbox era must be 'current' or '2016', got '" + era + "'");
        }
        faults = Set.copyOf(faults);
        SandboxFault.parse(faults);
    }

    public Set<SandboxFault> parsedFaults() {
        return SandboxFault.parse(faults);
    }
}
