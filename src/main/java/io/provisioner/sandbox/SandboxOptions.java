package io.provisioner.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How to start a sandbox lab.
 *
 * @param hosts   number of simulated hosts (1..16)
 * @param era     the DevStack the simulator imitates: {@code "current"} or {@code "2016"}
 * @param faults  fault names: {@code seed}, {@code none}, {@code all} or labels of {@link SandboxFault}
 * @param baseDir where the lab's root is created; null for a temporary directory
 * @param keep    keep the root on {@link SandboxLab#close()}
 * @param hostFaults extra fault names for single hosts, by host name (sandbox1, ...), on top of {@code faults}
 */
public record SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep,
                             Map<String, Set<String>> hostFaults) {
    public SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep) {
        this(hosts, era, faults, baseDir, keep, Map.of());
    }

    public SandboxOptions {
        if (hosts < 1 || hosts > 16) {
            throw new IllegalArgumentException("sandbox hosts must be 1..16, got " + hosts);
        }
        if (!"current".equals(era) && !"2016".equals(era)) {
            throw new IllegalArgumentException("sandbox era must be 'current' or '2016', got '" + era + "'");
        }
        faults = Set.copyOf(faults);
        SandboxFault.parse(faults);
        hostFaults = Map.copyOf(hostFaults);
        hostFaults.values().forEach(SandboxFault::parse);
    }

    /** The same options, with these faults given to single hosts only (e.g. one failing compute). */
    public SandboxOptions withHostFaults(Map<String, Set<String>> byHost) {
        return new SandboxOptions(hosts, era, faults, baseDir, keep, byHost);
    }

    /** The faults of one host: the lab-wide ones plus its own. */
    public Set<SandboxFault> faultsOf(String host) {
        Set<SandboxFault> out = java.util.EnumSet.noneOf(SandboxFault.class);
        out.addAll(parsedFaults());
        out.addAll(SandboxFault.parse(hostFaults.getOrDefault(host, Set.of())));
        return out;
    }

    public Set<SandboxFault> parsedFaults() {
        return SandboxFault.parse(faults);
    }
}
