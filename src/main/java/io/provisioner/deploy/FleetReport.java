package io.provisioner.deploy;

import java.time.Duration;
import java.util.List;

/** The outcome of a whole deploy: one report per host, in execution order. */
public record FleetReport(String run, List<HostReport> hosts, Duration took) {

    public boolean allHealthy() {
        return hosts.stream().allMatch(host -> host.status() == HostStatus.HEALTHY || host.status() == HostStatus.SKIPPED)
                && hosts.stream().anyMatch(host -> host.status() == HostStatus.HEALTHY);
    }

    public boolean anyUnreachable() {
        return hosts.stream().anyMatch(host -> host.status() == HostStatus.UNREACHABLE);
    }
}
