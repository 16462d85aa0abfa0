package io.provisioner.report;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.HostStatus;

import java.io.PrintWriter;

/** The closing lines for a person: one line per host, and for a failed host its paragraph. */
public final class FleetSummary {
    private FleetSummary() {
    }

    public static void print(FleetReport fleet, PrintWriter out) {
        out.println();
        long healthy = fleet.hosts().stream().filter(host -> host.status() == HostStatus.HEALTHY).count();
        out.printf("deploy %s: %d of %d hosts healthy in %s%n", fleet.run(), healthy, fleet.hosts().size(),
                ConsoleProgress.clock(fleet.took()));
        for (HostReport host : fleet.hosts()) {
            out.printf("  %-12s %-11s %s%n", host.host(), host.status().label(),
                    host.fixupsApplied().isEmpty() ? "" : "fix-ups: " + host.fixupsNamed());
        }
        for (HostReport host : fleet.hosts()) {
            if (host.status() != HostStatus.HEALTHY && host.message() != null) {
                out.println();
                out.println(host.message());
            }
        }
    }
}
