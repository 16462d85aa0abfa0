package io.provisioner.deploy;

import java.time.Duration;
import java.util.List;

/** The outcome of a whole deploy: one report per host, in execution order. */
public record FleetReport(String run, List<HostReport> hosts, Duration took) {

    public boolean allHealthy() {
        return hosts.stream().allMatch(h -> h.status() == HostStatus.HEALTHY || h.status() == HostStatus.SKIPPED)
                && hosts.stream().anyMatch(h -> h.status() == HostStatus.HEALTHY);
    }

    public boolean anyUnreachable() {
        return hosts.stream().anyMatch(h -> h.status() == HostStatus.UNREACHABLE);
    }
}
