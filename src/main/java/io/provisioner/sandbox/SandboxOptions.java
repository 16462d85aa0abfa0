package io.provisioner.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a sandbox lab.
 *
 * @param hosts      number of simulated hosts (1..16)
 * @param era        the DevStack the simulator imitates: {@code "current"} or {@code "2016"}
 * @param faults     fault names: {@code seed}, {@code none}, {@code all} or labels of {@link SandboxFault}
 * @param baseDir    where the lab's root is created; null for a temporary directory
 * @param keep       keep the root on {@link SandboxLab#close()}
 * @param hostFaults extra fault names for single hosts, by host name, on top of {@code faults}
 * @param hostNames  the hosts' names, in order (a spec's hosts); {@code sandbox1..N} when built from a count
 * @param devstackDirs where each host's DevStack checkout belongs, by host name, as a path on the host
 *                   ({@code /opt/stack/devstack} when absent); the lab maps it under the host root
 */
public record SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep,
                             Map<String, Set<String>> hostFaults, List<String> hostNames,
                             Map<String, String> devstackDirs) {
    public static final int MAX_HOSTS = 16;
    public static final String DEFAULT_DEVSTACK_DIR = "/opt/stack/devstack";

    public SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep) {
        this(hosts, era, faults, baseDir, keep, Map.of());
    }

    public SandboxOptions(int hosts, String era, Set<String> faults, Path baseDir, boolean keep,
                          Map<String, Set<String>> hostFaults) {
        this(hosts, era, faults, baseDir, keep, hostFaults, numbered(hosts), Map.of());
    }

    public SandboxOptions {
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("sandbox hosts must be 1.." + MAX_HOSTS + ", got " + hosts);
        }
        if (!"current".equals(era) && !"2016".equals(era)) {
            throw new IllegalArgumentException("sandbox era must be 'current' or '2016', got '" + era + "'");
        }
        faults = Set.copyOf(faults);
        SandboxFault.parse(faults);
        hostFaults = Map.copyOf(hostFaults);
        hostFaults.values().forEach(SandboxFault::parse);
        hostNames = List.copyOf(hostNames);
        if (hostNames.size() != hosts || new HashSet<>(hostNames).size() != hosts) {
            throw new IllegalArgumentException("sandbox host names must be " + hosts + " distinct names, got " + hostNames);
        }
        devstackDirs = Map.copyOf(devstackDirs);
        devstackDirs.values().forEach(dir -> {
            if (!dir.startsWith("/") || dir.contains("..")) {
                throw new IllegalArgumentException("sandbox devstack dir must be an absolute path without '..', got '"
                        + dir + "'");
            }
        });
    }

    private static List<String> numbered(int hosts) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= Math.max(hosts, 0); i++) {
            names.add("sandbox" + i);
        }
        return names;
    }

    /** The same options, with these faults given to single hosts only (e.g. one failing compute). */
    public SandboxOptions withHostFaults(Map<String, Set<String>> byHost) {
        return new SandboxOptions(hosts, era, faults, baseDir, keep, byHost, hostNames, devstackDirs);
    }

    /** The same options for hosts with these names (a spec's, in its order) and DevStack directories. */
    public SandboxOptions forHosts(List<String> names, Map<String, String> dirs) {
        return new SandboxOptions(names.size(), era, faults, baseDir, keep, hostFaults, names, dirs);
    }

    /** Where a host's DevStack checkout belongs, as a path on the host. */
    public String devstackDirOf(String host) {
        return devstackDirs.getOrDefault(host, DEFAULT_DEVSTACK_DIR);
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
